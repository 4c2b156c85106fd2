-- Work tables of one rollup run: intermediate results the rollup files compute once and read several
-- times through their keys, instead of common table expressions that MariaDB evaluates once per
-- reference and joins without an index (docs/performance.md, "Rollup rebuild"). Every row carries its
-- tenant; the rollup runner deletes the tenant's rows before and after a run, inside its transaction.

-- A non-Stripe purchase that repeats a Stripe payment (same payment_ref or payment_intent_ref).
CREATE TABLE rollup_work_repeats (
  tenant_id    VARCHAR(64)  NOT NULL,
  repeat_key   VARCHAR(255) NOT NULL,
  counted_key  VARCHAR(255) NOT NULL,
  PRIMARY KEY (tenant_id, repeat_key),
  KEY ix_rollup_work_repeats_counted (tenant_id, counted_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per counted purchase: its refunds by the refund rule, and how many repeats were folded into it.
CREATE TABLE rollup_work_purchase_adjustments (
  tenant_id       VARCHAR(64)  NOT NULL,
  purchase_key    VARCHAR(255) NOT NULL,
  refunded_minor  BIGINT       NOT NULL,
  folded_keys     INT          NOT NULL,
  PRIMARY KEY (tenant_id, purchase_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Touchpoints of the contacts in scope, resolved to their contact (aliases and identities).
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
  KEY ix_rollup_work_touches_contact (tenant_id, contact_id, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every counted contact's net value in each currency, ranked per currency by (net, contact): g.
CREATE TABLE rollup_work_contact_net (
  tenant_id   VARCHAR(64) NOT NULL,
  currency    CHAR(3)     NOT NULL,
  g           BIGINT      NOT NULL,
  contact_id  CHAR(26)    NOT NULL,
  net_minor   BIGINT      NOT NULL,
  PRIMARY KEY (tenant_id, currency, g),
  KEY ix_rollup_work_contact_net_contact (tenant_id, contact_id, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The counted holders of each touchpoint per currency, ranked within it by (net, contact): i of n,
-- with their global rank g.
CREATE TABLE rollup_work_members (
  tenant_id   VARCHAR(64)  NOT NULL,
  kind        VARCHAR(32)  NOT NULL,
  touchpoint  VARCHAR(255) NOT NULL,
  currency    CHAR(3)      NOT NULL,
  i           BIGINT       NOT NULL,
  n           BIGINT       NOT NULL,
  g           BIGINT       NOT NULL,
  net_minor   BIGINT       NOT NULL,
  PRIMARY KEY (tenant_id, kind, touchpoint, currency, i)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- An incremental run finds what its batch upserted (sql/rollups/scope/batch.sql) by batch, as it does in
-- the fact tables, instead of scanning every contact and identity of the tenant.
CREATE INDEX ix_contacts_batch ON contacts (tenant_id, batch_id);
CREATE INDEX ix_identities_batch ON contact_identities (tenant_id, batch_id);

-- contact_touchpoints reads a scoped contact's tag applications by contact (and its aliases'), so an
-- incremental run does not depend on the optimizer choosing to scan every application of the tenant.
CREATE INDEX ix_tags_contact ON tag_applications (tenant_id, contact_id);
