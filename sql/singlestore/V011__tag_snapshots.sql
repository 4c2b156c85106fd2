-- What snapshot sources list (why: sql/mysql/V015), append-only.
CREATE TABLE tag_snapshots (
  tenant_id    VARCHAR(64)  NOT NULL,
  contact_id   CHAR(26)     NOT NULL,
  tag          VARCHAR(255) NOT NULL,
  observed_at  DATETIME(6)  NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  source_ref   VARCHAR(600) NULL,
  batch_id     VARCHAR(64)  NOT NULL,
  staged_file  VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, observed_at),
  SHARD KEY (),
  KEY ix_tag_snapshots_contact (tenant_id, contact_id) USING HASH,
  KEY ix_tag_snapshots_batch (tenant_id, batch_id) USING HASH,
  KEY ix_tag_snapshots_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;
