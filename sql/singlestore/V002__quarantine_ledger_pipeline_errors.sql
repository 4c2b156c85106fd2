-- Quarantine, the load ledger and our copy of pipeline errors, SingleStore dialect.

-- Bad input is never dropped. quarantine_id is a cluster-wide unique, increasing (not consecutive) id
-- for `touchpoint quarantine show ID`; AUTO_INCREMENT must be BIGINT in a distributed table.
CREATE TABLE quarantine (
  quarantine_id   BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id       VARCHAR(64)  NOT NULL,
  batch_id        VARCHAR(64)  NOT NULL,
  source          VARCHAR(32)  NOT NULL,
  file            VARCHAR(512) NOT NULL,
  line            BIGINT       NOT NULL,
  reason          VARCHAR(1000) NOT NULL,
  raw_text        MEDIUMTEXT   NULL,
  quarantined_at  DATETIME(6)  NOT NULL,
  staged_file     VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, quarantined_at),
  SHARD KEY (),
  KEY ix_quarantine_id (quarantine_id) USING HASH,
  KEY ix_quarantine_batch (tenant_id, batch_id) USING HASH,
  KEY ix_quarantine_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

-- One row per staged file that its pipeline reported Loaded and whose rows the loader counted
-- (GROUP BY staged_file) and checked against the manifest. Point lookups by key: a rowstore table,
-- sharded on its primary key.
CREATE ROWSTORE TABLE load_ledger (
  staged_key     VARCHAR(512) NOT NULL,
  tenant_id      VARCHAR(64)  NOT NULL,
  batch_id       VARCHAR(64)  NOT NULL,
  table_name     VARCHAR(64)  NOT NULL,
  row_count      BIGINT       NOT NULL,
  money_minor    BIGINT       NOT NULL,
  rows_inserted  BIGINT       NOT NULL,
  loaded_at      TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (staged_key),
  SHARD KEY (staged_key),
  KEY ix_batch (tenant_id, batch_id)
);

-- information_schema.PIPELINES_ERRORS keeps errors only for pipelines_errors_retention_minutes and
-- loses them to ingest_errors_max_disk_space_mb: the loader copies a failed file's errors here before
-- it fails the step, and `touchpoint pipelines errors` reads both.
CREATE TABLE pipeline_errors (
  pipeline_name     VARCHAR(255)  NOT NULL,
  staged_file       VARCHAR(512)  NOT NULL,
  error_unix_time   BIGINT        NULL,
  error_type        VARCHAR(32)   NULL,
  error_code        BIGINT        NULL,
  error_message     VARCHAR(4000) NULL,
  line_number       BIGINT        NULL,
  line_text         VARCHAR(4000) NULL,
  copied_at         DATETIME(6)   NOT NULL,
  SORT KEY (copied_at),
  SHARD KEY (),
  KEY ix_pipeline_errors_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;
