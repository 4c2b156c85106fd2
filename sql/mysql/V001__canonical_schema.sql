-- Touchpoint canonical schema (MySQL / MariaDB dialect). Forward-only: never edit an applied file,
-- add a new numbered one. Every table carries tenant_id, source, batch_id and staged_file (the
-- staging object its row was loaded from); money is BIGINT minor units beside an ISO 4217 currency.

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
  PRIMARY KEY (tenant_id, contact_id),
  KEY ix_contacts_email (tenant_id, email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE contact_identities (
  tenant_id    VARCHAR(64)  NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  id_type      VARCHAR(32)  NOT NULL,
  external_id  VARCHAR(255) NOT NULL,
  contact_id   CHAR(26)     NOT NULL,
  seen_at      DATETIME(6)  NOT NULL,
  batch_id     VARCHAR(64)  NOT NULL,
  staged_file  VARCHAR(512) NOT NULL,
  PRIMARY KEY (tenant_id, source, id_type, external_id),
  KEY ix_identities_contact (tenant_id, contact_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE tag_applications (
  tenant_id    VARCHAR(64)  NOT NULL,
  contact_id   CHAR(26)     NOT NULL,
  tag          VARCHAR(255) NOT NULL,
  sign         TINYINT      NOT NULL,
  occurred_at  DATETIME(6)  NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  source_ref   VARCHAR(600) NULL,
  batch_id     VARCHAR(64)  NOT NULL,
  staged_file  VARCHAR(512) NOT NULL,
  KEY ix_tags_tenant_tag (tenant_id, tag, contact_id),
  KEY ix_tags_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

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
  occurred_at   DATETIME(6)   NOT NULL,
  source        VARCHAR(32)   NOT NULL,
  source_ref    VARCHAR(600)  NULL,
  batch_id      VARCHAR(64)   NOT NULL,
  staged_file   VARCHAR(512)  NOT NULL,
  KEY ix_touchpoints_time (tenant_id, occurred_at),
  KEY ix_touchpoints_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ad_spend (
  tenant_id     VARCHAR(64)  NOT NULL,
  platform      VARCHAR(32)  NOT NULL,
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
  KEY ix_ad_spend_day (tenant_id, spend_date),
  KEY ix_ad_spend_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE purchases (
  tenant_id                VARCHAR(64)  NOT NULL,
  purchase_key             VARCHAR(255) NOT NULL,
  contact_id               CHAR(26)     NOT NULL,
  occurred_at              DATETIME(6)  NOT NULL,
  amount_minor             BIGINT       NOT NULL,
  currency                 CHAR(3)      NOT NULL,
  settlement_amount_minor  BIGINT       NULL,
  settlement_currency      CHAR(3)      NULL,
  status                   VARCHAR(32)  NOT NULL,
  source                   VARCHAR(32)  NOT NULL,
  source_ref               VARCHAR(600) NULL,
  batch_id                 VARCHAR(64)  NOT NULL,
  staged_file              VARCHAR(512) NOT NULL,
  PRIMARY KEY (tenant_id, purchase_key),
  KEY ix_purchases_contact (tenant_id, contact_id),
  KEY ix_purchases_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A refund row is negative. is_cumulative = 1 marks an export that states the total refunded so far
-- (Stripe's payments export: Amount Refunded); rollups take the largest such row per purchase.
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
  PRIMARY KEY (tenant_id, refund_key),
  KEY ix_refunds_purchase (tenant_id, purchase_key),
  KEY ix_refunds_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
