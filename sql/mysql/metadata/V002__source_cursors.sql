-- API sources fetch incrementally. The live cursor of a (tenant, source, stream) is the time before
-- which every record has been loaded; the nightly run fetches [cursor - lookback, end of its business
-- date) and moves the cursor to the window's end only once its batch has reconciled. Backfills never
-- move it. Every change, by a run or by `touchpoint cursor rewind`, is kept in the history.
CREATE TABLE tp_source_cursors (
  tenant_id     VARCHAR(64)  NOT NULL,
  source        VARCHAR(32)  NOT NULL,
  stream        VARCHAR(64)  NOT NULL,
  cursor_value  VARCHAR(64)  NOT NULL,
  batch_id      VARCHAR(64)  NULL,
  updated_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (tenant_id, source, stream)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE tp_source_cursor_history (
  history_id    BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant_id     VARCHAR(64)  NOT NULL,
  source        VARCHAR(32)  NOT NULL,
  stream        VARCHAR(64)  NOT NULL,
  old_value     VARCHAR(64)  NULL,
  new_value     VARCHAR(64)  NOT NULL,
  reason        VARCHAR(512) NOT NULL,
  batch_id      VARCHAR(64)  NULL,
  changed_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_cursor_history (tenant_id, source, stream, history_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per (batch, source, stream): the window a batch fetches, fixed when it starts, and how far
-- its pagination got. Each page is landed in S3 and recorded here in one transaction, so a restarted
-- run continues after its last committed page, neither skipping nor repeating one.
CREATE TABLE tp_api_fetches (
  batch_id      VARCHAR(64)   NOT NULL,
  tenant_id     VARCHAR(64)   NOT NULL,
  source        VARCHAR(32)   NOT NULL,
  stream        VARCHAR(64)   NOT NULL,
  window_from   VARCHAR(64)   NOT NULL,
  window_to     VARCHAR(64)   NOT NULL,
  backfill      TINYINT       NOT NULL DEFAULT 0,
  pages         INT           NOT NULL DEFAULT 0,
  records       BIGINT        NOT NULL DEFAULT 0,
  requests      INT           NOT NULL DEFAULT 0,
  next_token    VARCHAR(4096) NULL,
  done          TINYINT       NOT NULL DEFAULT 0,
  updated_at    TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (batch_id, source, stream)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
