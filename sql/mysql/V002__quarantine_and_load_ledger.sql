-- Bad input is never dropped: every quarantined record keeps its source, file, line, reason and raw text.
CREATE TABLE quarantine (
  tenant_id       VARCHAR(64)  NOT NULL,
  batch_id        VARCHAR(64)  NOT NULL,
  source          VARCHAR(32)  NOT NULL,
  file            VARCHAR(512) NOT NULL,
  line            BIGINT       NOT NULL,
  reason          VARCHAR(1000) NOT NULL,
  raw_text        MEDIUMTEXT   NULL,
  quarantined_at  DATETIME(6)  NOT NULL,
  staged_file     VARCHAR(512) NOT NULL,
  KEY ix_quarantine_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per staged file loaded, committed in the same transaction as the file's rows: a file is
-- loaded exactly once.
CREATE TABLE load_ledger (
  staged_key     VARCHAR(512) NOT NULL PRIMARY KEY,
  tenant_id      VARCHAR(64)  NOT NULL,
  batch_id       VARCHAR(64)  NOT NULL,
  table_name     VARCHAR(64)  NOT NULL,
  row_count      BIGINT       NOT NULL,
  money_minor    BIGINT       NOT NULL,
  rows_inserted  BIGINT       NOT NULL,
  loaded_at      TIMESTAMP(6) NOT NULL,
  KEY ix_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
