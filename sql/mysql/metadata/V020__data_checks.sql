-- The data checks of each night, per tenant and source, run after reconcile and before rollup: row
-- count against the trailing nights, share of records quarantined, money sum per currency against the
-- trailing nights, and the age of the newest event. One row per check result; a restarted check step
-- adds rows under its new execution id, and the trailing nights read the newest row of each night.
-- They live here, beside the executions they belong to, so `touchpoint execution N`, the status page,
-- the metrics and the alerts read them from the one database a scheduler node always has.
CREATE TABLE tp_data_checks (
  check_id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  job_execution_id  BIGINT         NOT NULL,
  batch_id          VARCHAR(64)    NOT NULL,
  tenant_id         VARCHAR(64)    NOT NULL,
  business_date     DATE           NOT NULL,
  source            VARCHAR(32)    NOT NULL,
  check_name        VARCHAR(32)    NOT NULL,
  subject           VARCHAR(32)    NOT NULL DEFAULT '',
  measured          DECIMAL(24,6)  NULL,
  band_low          DECIMAL(24,6)  NULL,
  band_high         DECIMAL(24,6)  NULL,
  newest_event      DATETIME(6)    NULL,
  outcome           VARCHAR(8)     NOT NULL,
  action            VARCHAR(8)     NOT NULL,
  message           VARCHAR(2000)  NOT NULL,
  accepted_at       TIMESTAMP(6)   NULL,
  checked_at        TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_checks_history (tenant_id, source, check_name, business_date),
  KEY ix_checks_execution (job_execution_id),
  KEY ix_checks_batch (batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The columns each file source's files had, per (tenant, source, stream): the stream is the file's name
-- without digits (dates) or extension. status: active (in the newest files), pending (seen in a file the
-- schema policy held back: freeze or discard, until `touchpoint schema accept`), gone (missing from such a
-- file, dropped once accepted), dropped (no longer in the files). A header's changes are judged against the
-- active columns (touchpoint.sources.schema-policy).
CREATE TABLE tp_source_schemas (
  tenant_id     VARCHAR(64)   NOT NULL,
  source        VARCHAR(32)   NOT NULL,
  stream        VARCHAR(128)  NOT NULL,
  column_name   VARCHAR(255)  NOT NULL,
  status        VARCHAR(8)    NOT NULL,
  first_seen    DATE          NOT NULL,
  last_seen     DATE          NOT NULL,
  first_file    VARCHAR(512)  NOT NULL,
  changed_on    DATE          NULL,
  PRIMARY KEY (tenant_id, source, stream, column_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
