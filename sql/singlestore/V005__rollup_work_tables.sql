-- Work tables of one rollup run, SingleStore dialect (columns as sql/mysql/V009; why they exist is
-- said there). Columnstore: a rebuild of a large tenant fills millions of rows; each table is sharded
-- by what the statement that reads it joins on, and keyed by hash for the lookups the rollups make.

CREATE TABLE rollup_work_repeats (
  tenant_id    VARCHAR(64)  NOT NULL,
  repeat_key   VARCHAR(255) NOT NULL,
  counted_key  VARCHAR(255) NOT NULL,
  SORT KEY (tenant_id, repeat_key),
  SHARD KEY (tenant_id, repeat_key),
  UNIQUE KEY uq_rollup_work_repeats (tenant_id, repeat_key) USING HASH,
  KEY ix_rollup_work_repeats_counted (tenant_id, counted_key) USING HASH
);

CREATE TABLE rollup_work_purchase_adjustments (
  tenant_id       VARCHAR(64)  NOT NULL,
  purchase_key    VARCHAR(255) NOT NULL,
  refunded_minor  BIGINT       NOT NULL,
  folded_keys     INT          NOT NULL,
  SORT KEY (tenant_id, purchase_key),
  SHARD KEY (tenant_id, purchase_key),
  UNIQUE KEY uq_rollup_work_purchase_adjustments (tenant_id, purchase_key) USING HASH
);

CREATE TABLE rollup_work_touches (
  tenant_id    VARCHAR(64)   NOT NULL,
  contact_id   CHAR(26)      NOT NULL,
  event_id     VARCHAR(255)  NOT NULL,
  kind         VARCHAR(32)   NOT NULL,
  name         VARCHAR(512)  NULL,
  url          VARCHAR(2048) NULL,
  channel      VARCHAR(255)  NULL,
  campaign     VARCHAR(255)  NULL,
  occurred_at  DATETIME(6)   NOT NULL,
  SORT KEY (tenant_id, contact_id, occurred_at),
  SHARD KEY (tenant_id, contact_id)
);

CREATE TABLE rollup_work_contact_net (
  tenant_id   VARCHAR(64) NOT NULL,
  currency    CHAR(3)     NOT NULL,
  g           BIGINT      NOT NULL,
  contact_id  CHAR(26)    NOT NULL,
  net_minor   BIGINT      NOT NULL,
  SORT KEY (tenant_id, currency, g),
  SHARD KEY (tenant_id, contact_id),
  KEY ix_rollup_work_contact_net_rank (tenant_id, currency, g) USING HASH
);

CREATE TABLE rollup_work_members (
  tenant_id   VARCHAR(64)  NOT NULL,
  kind        VARCHAR(32)  NOT NULL,
  touchpoint  VARCHAR(255) NOT NULL,
  currency    CHAR(3)      NOT NULL,
  i           BIGINT       NOT NULL,
  n           BIGINT       NOT NULL,
  g           BIGINT       NOT NULL,
  net_minor   BIGINT       NOT NULL,
  SORT KEY (tenant_id, kind, touchpoint, currency, i),
  SHARD KEY (tenant_id, kind, touchpoint)
);
