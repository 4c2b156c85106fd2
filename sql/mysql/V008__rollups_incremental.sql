-- Rollups for analysts (docs/rollups.md documents every table): the counted purchases and refunds
-- every money rollup reads, per-contact building blocks that an incremental run recomputes only for
-- the contacts a batch touched, and the tenant-level tables read by reports.

-- The contacts one rollup run recomputes (filled and emptied inside the run's transaction).
CREATE TABLE rollup_scope (
  tenant_id   VARCHAR(64) NOT NULL,
  contact_id  CHAR(26)    NOT NULL,
  PRIMARY KEY (tenant_id, contact_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The tenant's UTC offsets over time (from java.time zone rules, written by the rollup runner), so
-- local days are computed the same way on every engine, with or without time-zone tables loaded.
CREATE TABLE tenant_time_zone_offsets (
  tenant_id       VARCHAR(64) NOT NULL,
  valid_from      DATETIME(6) NOT NULL,
  valid_to        DATETIME(6) NOT NULL,
  offset_seconds  INT         NOT NULL,
  time_zone       VARCHAR(64) NOT NULL,
  PRIMARY KEY (tenant_id, valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Optional exchange rates: one minor unit of `currency` is worth `rate` minor units of
-- `reporting_currency` on `rate_date`. Rollups use the latest rate on or before a day.
CREATE TABLE fx_rates (
  rate_date           DATE           NOT NULL,
  currency            CHAR(3)        NOT NULL,
  reporting_currency  CHAR(3)        NOT NULL,
  rate                DECIMAL(24,12) NOT NULL,
  PRIMARY KEY (reporting_currency, currency, rate_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per real payment: a purchase that repeats a Stripe payment (same payment_ref or
-- payment_intent_ref) is folded into the Stripe purchase. refunded_minor follows the refund rule.
CREATE TABLE counted_purchases (
  tenant_id       VARCHAR(64)  NOT NULL,
  purchase_key    VARCHAR(255) NOT NULL,
  contact_id      CHAR(26)     NOT NULL,
  source          VARCHAR(32)  NOT NULL,
  occurred_at     DATETIME(6)  NOT NULL,
  local_date      DATE         NOT NULL,
  currency        CHAR(3)      NOT NULL,
  amount_minor    BIGINT       NOT NULL,
  refunded_minor  BIGINT       NOT NULL,
  net_minor       BIGINT       NOT NULL,
  folded_keys     INT          NOT NULL,
  PRIMARY KEY (tenant_id, purchase_key),
  KEY ix_counted_purchases_contact (tenant_id, contact_id),
  KEY ix_counted_purchases_day (tenant_id, local_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per refund row that raised a counted purchase's refunded total: amount_minor is that
-- increase (positive), on the refund's own time and local day.
CREATE TABLE counted_refunds (
  tenant_id     VARCHAR(64)  NOT NULL,
  refund_key    VARCHAR(255) NOT NULL,
  purchase_key  VARCHAR(255) NOT NULL,
  contact_id    CHAR(26)     NOT NULL,
  source        VARCHAR(32)  NOT NULL,
  occurred_at   DATETIME(6)  NOT NULL,
  local_date    DATE         NOT NULL,
  currency      CHAR(3)      NOT NULL,
  amount_minor  BIGINT       NOT NULL,
  PRIMARY KEY (tenant_id, refund_key),
  KEY ix_counted_refunds_contact (tenant_id, contact_id),
  KEY ix_counted_refunds_day (tenant_id, local_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which touchpoints each contact has: held = has it now (tags: applications minus removals > 0;
-- others: seen at least once); before_first_purchase = had it at or before its first purchase (a
-- contact without purchases: same as held).
CREATE TABLE contact_touchpoints (
  tenant_id              VARCHAR(64)  NOT NULL,
  contact_id             CHAR(26)     NOT NULL,
  kind                   VARCHAR(32)  NOT NULL,
  touchpoint             VARCHAR(255) NOT NULL,
  first_at               DATETIME(6)  NOT NULL,
  held                   TINYINT      NOT NULL,
  before_first_purchase  TINYINT      NOT NULL,
  PRIMARY KEY (tenant_id, contact_id, kind, touchpoint),
  KEY ix_contact_touchpoints_touchpoint (tenant_id, kind, touchpoint)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Each contact's marketing touches (a channel or campaign) at or before its first purchase: the
-- first and the last, for attribution; and each local week it was active, for retention.
CREATE TABLE contact_attribution (
  tenant_id   VARCHAR(64)  NOT NULL,
  contact_id  CHAR(26)     NOT NULL,
  model       VARCHAR(16)  NOT NULL,
  channel     VARCHAR(255) NOT NULL,
  campaign    VARCHAR(255) NOT NULL,
  touched_at  DATETIME(6)  NULL,
  PRIMARY KEY (tenant_id, contact_id, model)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE contact_activity_weeks (
  tenant_id      VARCHAR(64) NOT NULL,
  contact_id     CHAR(26)    NOT NULL,
  activity_week  DATE        NOT NULL,
  PRIMARY KEY (tenant_id, contact_id, activity_week)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE touchpoint_value ADD COLUMN median_net_with_minor BIGINT NOT NULL DEFAULT 0 AFTER avg_net_with_minor;
ALTER TABLE touchpoint_value ADD COLUMN median_net_without_minor BIGINT NOT NULL DEFAULT 0 AFTER avg_net_without_minor;
ALTER TABLE touchpoint_value ADD COLUMN counted VARCHAR(16) NOT NULL DEFAULT 'ever' AFTER lift_minor;

CREATE TABLE daily_revenue (
  tenant_id            VARCHAR(64) NOT NULL,
  revenue_date         DATE        NOT NULL,
  source               VARCHAR(32) NOT NULL,
  currency             CHAR(3)     NOT NULL,
  orders               BIGINT      NOT NULL,
  gross_minor          BIGINT      NOT NULL,
  refunds_minor        BIGINT      NOT NULL,
  net_minor            BIGINT      NOT NULL,
  new_customers        BIGINT      NOT NULL,
  returning_customers  BIGINT      NOT NULL,
  reporting_currency   CHAR(3)     NULL,
  net_reporting_minor  BIGINT      NULL,
  computed_at          DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, revenue_date, source, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE cohort_value (
  tenant_id              VARCHAR(64) NOT NULL,
  cohort_month           DATE        NOT NULL,
  months_since           INT         NOT NULL,
  currency               CHAR(3)     NOT NULL,
  contacts               BIGINT      NOT NULL,
  cumulative_net_minor   BIGINT      NOT NULL,
  net_per_contact_minor  BIGINT      NOT NULL,
  computed_at            DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, cohort_month, months_since, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE attribution (
  tenant_id      VARCHAR(64)    NOT NULL,
  model          VARCHAR(16)    NOT NULL,
  channel        VARCHAR(255)   NOT NULL,
  campaign       VARCHAR(255)   NOT NULL,
  currency       CHAR(3)        NOT NULL,
  contacts       BIGINT         NOT NULL,
  purchases      BIGINT         NOT NULL,
  revenue_minor  BIGINT         NOT NULL,
  spend_minor    BIGINT         NOT NULL,
  cpa_minor      BIGINT         NULL,
  roas           DECIMAL(18,4)  NULL,
  computed_at    DATETIME(6)    NOT NULL,
  PRIMARY KEY (tenant_id, model, channel, campaign, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE retention (
  tenant_id        VARCHAR(64) NOT NULL,
  cohort_week      DATE        NOT NULL,
  weeks_since      INT         NOT NULL,
  cohort_contacts  BIGINT      NOT NULL,
  active_contacts  BIGINT      NOT NULL,
  computed_at      DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, cohort_week, weeks_since)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What the tenant's rollups were last built with; a run whose settings or SQL differ rebuilds.
CREATE TABLE rollup_state (
  tenant_id           VARCHAR(64)  NOT NULL,
  settings            VARCHAR(255) NOT NULL,
  sql_digest          CHAR(64)     NOT NULL,
  rebuilt_at          DATETIME(6)  NOT NULL,
  updated_at          DATETIME(6)  NOT NULL,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
