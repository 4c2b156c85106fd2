-- The names of a source's campaigns (why and which key: sql/mysql/V017), append-only; the pipeline skips a row
-- already loaded. The unique key contains the shard key.
CREATE TABLE campaigns (
  tenant_id    VARCHAR(64)  NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  campaign_id  VARCHAR(64)  NOT NULL,
  name         VARCHAR(255) NOT NULL,
  observed_at  DATETIME(6)  NOT NULL,
  source_ref   VARCHAR(600) NULL,
  batch_id     VARCHAR(64)  NOT NULL,
  staged_file  VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, campaign_id),
  SHARD KEY (tenant_id, source, campaign_id),
  UNIQUE KEY uq_campaigns_name (tenant_id, source, campaign_id, name, observed_at) USING HASH,
  KEY ix_campaigns_batch (tenant_id, batch_id) USING HASH,
  KEY ix_campaigns_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;
