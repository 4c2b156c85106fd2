-- Touchpoint canonical schema, SingleStore dialect. Forward-only: never edit an applied file, add a
-- new numbered one. Same table and column names as sql/mysql/ (V001..V006 applied), so the rollup SQL
-- in sql/rollups/ runs unchanged on both engines.
--
-- Every table is columnstore (the default table type) with SORT KEY (tenant_id, <time column>) for
-- segment elimination, AUTOSTATS_ENABLED = TRUE, and a staged_file column that the table's pipeline
-- fills from pipeline_source_file(): per-file row counts (reconciliation) and per-file deletes
-- (`touchpoint pipelines reload-file`) key on it, hence KEY (staged_file) USING HASH.
--
-- Shard keys: append-only facts without a unique key use SHARD KEY () (even, random distribution).
-- A unique key must contain the shard key, so a table that needs one (upserted dimensions, the
-- deduplicated purchases and refunds) is sharded on exactly that key. No foreign keys, no CHECKs.

-- Upserted through the pipeline's ON DUPLICATE KEY UPDATE: latest source update wins, field by field.
CREATE TABLE contacts (
  tenant_id       VARCHAR(64)  NOT NULL,
  contact_id      CHAR(26)     NOT NULL,
  email           VARCHAR(320) NULL,
  first_name      VARCHAR(200) NULL,
  last_name       VARCHAR(200) NULL,
  lifecycle_stage VARCHAR(100) NULL,
  created_at      DATETIME(6)  NULL,
  updated_at      DATETIME(6)  NOT NULL,
  source          VARCHAR(32)  NOT NULL,
  batch_id        VARCHAR(64)  NOT NULL,
  staged_file     VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, updated_at),
  SHARD KEY (tenant_id, contact_id),
  UNIQUE KEY uq_contacts (tenant_id, contact_id) USING HASH,
  KEY ix_contacts_email (tenant_id, email) USING HASH,
  KEY ix_contacts_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE contact_identities (
  tenant_id         VARCHAR(64)  NOT NULL,
  source            VARCHAR(32)  NOT NULL,
  id_type           VARCHAR(32)  NOT NULL,
  external_id       VARCHAR(255) NOT NULL,
  contact_id        CHAR(26)     NOT NULL,
  alias_contact_id  CHAR(26)     NOT NULL,
  seen_at           DATETIME(6)  NOT NULL,
  batch_id          VARCHAR(64)  NOT NULL,
  staged_file       VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, seen_at),
  SHARD KEY (tenant_id, source, id_type, external_id),
  UNIQUE KEY uq_identities (tenant_id, source, id_type, external_id) USING HASH,
  KEY ix_identities_contact (tenant_id, contact_id) USING HASH,
  KEY ix_identities_alias (tenant_id, alias_contact_id) USING HASH,
  KEY ix_identities_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

-- Append-only: a removal is a new row with sign -1.
CREATE TABLE tag_applications (
  tenant_id    VARCHAR(64)  NOT NULL,
  contact_id   CHAR(26)     NOT NULL,
  tag          VARCHAR(255) NOT NULL,
  sign         TINYINT      NOT NULL,
  occurred_at  DATETIME(6)  NOT NULL SERIES TIMESTAMP,
  source       VARCHAR(32)  NOT NULL,
  source_ref   VARCHAR(600) NULL,
  batch_id     VARCHAR(64)  NOT NULL,
  staged_file  VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, occurred_at),
  SHARD KEY (),
  KEY ix_tags_tenant_tag (tenant_id, tag) USING HASH,
  KEY ix_tags_batch (tenant_id, batch_id) USING HASH,
  KEY ix_tags_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE touchpoints (
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
  SHARD KEY (),
  KEY ix_touchpoints_batch (tenant_id, batch_id) USING HASH,
  KEY ix_touchpoints_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE ad_spend (
  tenant_id     VARCHAR(64)  NOT NULL,
  platform      VARCHAR(32)  NOT NULL,
  spend_key     VARCHAR(255) NOT NULL,
  campaign      VARCHAR(255) NOT NULL,
  ad_set        VARCHAR(255) NULL,
  ad            VARCHAR(255) NULL,
  spend_date    DATE         NOT NULL,
  impressions   BIGINT       NOT NULL DEFAULT 0,
  clicks        BIGINT       NOT NULL DEFAULT 0,
  amount_minor  BIGINT       NOT NULL,
  currency      CHAR(3)      NOT NULL,
  source        VARCHAR(32)  NOT NULL,
  batch_id      VARCHAR(64)  NOT NULL,
  staged_file   VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, spend_date),
  SHARD KEY (tenant_id, spend_key),
  UNIQUE KEY uq_ad_spend_key (tenant_id, spend_key) USING HASH,
  KEY ix_ad_spend_batch (tenant_id, batch_id) USING HASH,
  KEY ix_ad_spend_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

-- One row per real purchase: the unique key deduplicates across sources and re-exports (the pipeline
-- skips duplicate-key rows, as INSERT IGNORE does on MySQL). It contains the shard key.
CREATE TABLE purchases (
  tenant_id                VARCHAR(64)  NOT NULL,
  purchase_key             VARCHAR(255) NOT NULL,
  contact_id               CHAR(26)     NOT NULL,
  occurred_at              DATETIME(6)  NOT NULL,
  amount_minor             BIGINT       NOT NULL,
  currency                 CHAR(3)      NOT NULL,
  settlement_amount_minor  BIGINT       NULL,
  settlement_currency      CHAR(3)      NULL,
  payment_ref              VARCHAR(255) NULL,
  payment_intent_ref       VARCHAR(255) NULL,
  status                   VARCHAR(32)  NOT NULL,
  source                   VARCHAR(32)  NOT NULL,
  source_ref               VARCHAR(600) NULL,
  batch_id                 VARCHAR(64)  NOT NULL,
  staged_file              VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, occurred_at),
  SHARD KEY (tenant_id, purchase_key),
  UNIQUE KEY uq_purchases (tenant_id, purchase_key) USING HASH,
  KEY ix_purchases_contact (tenant_id, contact_id) USING HASH,
  KEY ix_purchases_batch (tenant_id, batch_id) USING HASH,
  KEY ix_purchases_payment_ref (tenant_id, payment_ref) USING HASH,
  KEY ix_purchases_payment_intent_ref (tenant_id, payment_intent_ref) USING HASH,
  KEY ix_purchases_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

-- A refund row is negative; is_cumulative = 1 marks a running total (see sql/mysql/V001).
CREATE TABLE refunds (
  tenant_id      VARCHAR(64)  NOT NULL,
  refund_key     VARCHAR(255) NOT NULL,
  purchase_key   VARCHAR(255) NOT NULL,
  contact_id     CHAR(26)     NOT NULL,
  occurred_at    DATETIME(6)  NOT NULL,
  amount_minor   BIGINT       NOT NULL,
  currency       CHAR(3)      NOT NULL,
  is_cumulative  TINYINT      NOT NULL DEFAULT 0,
  source         VARCHAR(32)  NOT NULL,
  source_ref     VARCHAR(600) NULL,
  batch_id       VARCHAR(64)  NOT NULL,
  staged_file    VARCHAR(512) NOT NULL,
  SORT KEY (tenant_id, occurred_at),
  SHARD KEY (tenant_id, refund_key),
  UNIQUE KEY uq_refunds (tenant_id, refund_key) USING HASH,
  KEY ix_refunds_purchase (tenant_id, purchase_key) USING HASH,
  KEY ix_refunds_batch (tenant_id, batch_id) USING HASH,
  KEY ix_refunds_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;
