-- Touchpoint's own bookkeeping in the metadata database, beside Spring Batch's tables.
-- Spring Batch's schema stays in its jar and is created by Spring Boot.

-- Every inbox file a batch read, by content hash: the same file content is ingested once per tenant.
CREATE TABLE tp_inbox_files (
  file_id        BIGINT AUTO_INCREMENT PRIMARY KEY,
  tenant_id      VARCHAR(64)   NOT NULL,
  batch_id       VARCHAR(64)   NOT NULL,
  source         VARCHAR(32)   NOT NULL,
  path           VARCHAR(1024) NOT NULL,
  uri            VARCHAR(2048) NOT NULL,
  size_bytes     BIGINT        NOT NULL,
  sha256         CHAR(64)      NOT NULL,
  duplicate_of   VARCHAR(64)   NULL,
  registered_at  TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  loaded_at      TIMESTAMP(6)  NULL,
  UNIQUE KEY uq_batch_path (batch_id, path(255)),
  KEY ix_tenant_sha (tenant_id, sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Work parts written by the normalize step, registered in the chunk's own transaction: a part is
-- published by the stage step only if the chunk that wrote it committed.
CREATE TABLE tp_work_parts (
  part_id      BIGINT AUTO_INCREMENT PRIMARY KEY,
  batch_id     VARCHAR(64)  NOT NULL,
  table_name   VARCHAR(64)  NOT NULL,
  work_key     VARCHAR(512) NOT NULL,
  row_count    BIGINT       NOT NULL,
  money_minor  BIGINT       NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_work_key (work_key),
  KEY ix_batch (batch_id, table_name, part_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
