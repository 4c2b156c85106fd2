-- A touchpoint is one event of its source: (tenant_id, source, event_id) is unique and the pipeline skips an
-- event already loaded (why: sql/mysql/V014). The unique key must contain the shard key, so the table is
-- built again sharded by the event, its rows copied (INSERT IGNORE keeps the first of each event) and renamed
-- over the old one. Stop and drop the touchpoints pipeline before this script (DROP PIPELINE
-- <prefix>touchpoints); the loader creates it again, skipping duplicate keys, at the next load.
CREATE TABLE touchpoints_unique (
  tenant_id     VARCHAR(64)   NOT NULL,
  event_id      VARCHAR(255)  NOT NULL,
  contact_id    CHAR(26)      NULL,
  user_id       VARCHAR(255)  NULL,
  anonymous_id  VARCHAR(255)  NULL,
  kind          VARCHAR(32)   NOT NULL,
  name          VARCHAR(512)  NULL,
  url           VARCHAR(2048) NULL,
  channel       VARCHAR(255)  NULL,
  campaign      VARCHAR(255)  NULL,
  occurred_at   DATETIME(6)   NOT NULL SERIES TIMESTAMP,
  source        VARCHAR(32)   NOT NULL,
  source_ref    VARCHAR(600)  NULL,
  batch_id      VARCHAR(64)   NOT NULL,
  staged_file   VARCHAR(512)  NOT NULL,
  SORT KEY (tenant_id, occurred_at),
  SHARD KEY (tenant_id, source, event_id),
  UNIQUE KEY uq_touchpoints_event (tenant_id, source, event_id) USING HASH,
  KEY ix_touchpoints_batch (tenant_id, batch_id) USING HASH,
  KEY ix_touchpoints_file (staged_file) USING HASH,
  KEY ix_touchpoints_contact (tenant_id, contact_id) USING HASH,
  KEY ix_touchpoints_user (tenant_id, user_id) USING HASH,
  KEY ix_touchpoints_anonymous (tenant_id, anonymous_id) USING HASH
) AUTOSTATS_ENABLED = TRUE;

INSERT IGNORE INTO touchpoints_unique (tenant_id, event_id, contact_id, user_id, anonymous_id, kind, name, url, channel,
                                       campaign, occurred_at, source, source_ref, batch_id, staged_file)
SELECT tenant_id, event_id, contact_id, user_id, anonymous_id, kind, name, url, channel, campaign, occurred_at, source,
       source_ref, batch_id, staged_file
FROM touchpoints;

DROP TABLE touchpoints;

ALTER TABLE touchpoints_unique RENAME TO touchpoints;
