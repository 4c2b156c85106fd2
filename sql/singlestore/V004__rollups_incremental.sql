-- Rollups for analysts, SingleStore dialect (grain and columns as sql/mysql/V008; docs/rollups.md).
-- Per-contact building blocks are sharded by contact so a run's per-contact deletes and inserts stay
-- on one partition per contact; small tenant-wide inputs and the tables reports read whole are
-- reference tables. Unique keys only guard the grain and contain the shard key.

-- The contacts one rollup run recomputes (filled and emptied inside the run's transaction): rowstore.
CREATE ROWSTORE TABLE rollup_scope (
  tenant_id   VARCHAR(64) NOT NULL,
  contact_id  CHAR(26)    NOT NULL,
  PRIMARY KEY (tenant_id, contact_id),
  SHARD KEY (tenant_id, contact_id)
);

CREATE ROWSTORE REFERENCE TABLE tenant_time_zone_offsets (
  tenant_id       VARCHAR(64) NOT NULL,
  valid_from      DATETIME(6) NOT NULL,
  valid_to        DATETIME(6) NOT NULL,
  offset_seconds  INT         NOT NULL,
  time_zone       VARCHAR(64) NOT NULL,
  PRIMARY KEY (tenant_id, valid_from)
);

CREATE ROWSTORE REFERENCE TABLE fx_rates (
  rate_date           DATE           NOT NULL,
  currency            CHAR(3)        NOT NULL,
  reporting_currency  CHAR(3)        NOT NULL,
  rate                DECIMAL(24,12) NOT NULL,
  PRIMARY KEY (reporting_currency, currency, rate_date)
);

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
  SORT KEY (tenant_id, local_date),
  SHARD KEY (tenant_id, contact_id),
  UNIQUE KEY uq_counted_purchases (tenant_id, contact_id, purchase_key) USING HASH,
  KEY ix_counted_purchases_key (tenant_id, purchase_key) USING HASH
) AUTOSTATS_ENABLED = TRUE;

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
  SORT KEY (tenant_id, local_date),
  SHARD KEY (tenant_id, contact_id),
  UNIQUE KEY uq_counted_refunds (tenant_id, contact_id, refund_key) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE contact_touchpoints (
  tenant_id              VARCHAR(64)  NOT NULL,
  contact_id             CHAR(26)     NOT NULL,
  kind                   VARCHAR(32)  NOT NULL,
  touchpoint             VARCHAR(255) NOT NULL,
  first_at               DATETIME(6)  NOT NULL,
  held                   TINYINT      NOT NULL,
  before_first_purchase  TINYINT      NOT NULL,
  SORT KEY (tenant_id, kind, touchpoint),
  SHARD KEY (tenant_id, contact_id),
  UNIQUE KEY uq_contact_touchpoints (tenant_id, contact_id, kind, touchpoint) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE contact_attribution (
  tenant_id   VARCHAR(64)  NOT NULL,
  contact_id  CHAR(26)     NOT NULL,
  model       VARCHAR(16)  NOT NULL,
  channel     VARCHAR(255) NOT NULL,
  campaign    VARCHAR(255) NOT NULL,
  touched_at  DATETIME(6)  NULL,
  SORT KEY (tenant_id, model),
  SHARD KEY (tenant_id, contact_id),
  UNIQUE KEY uq_contact_attribution (tenant_id, contact_id, model) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE contact_activity_weeks (
  tenant_id      VARCHAR(64) NOT NULL,
  contact_id     CHAR(26)    NOT NULL,
  activity_week  DATE        NOT NULL,
  SORT KEY (tenant_id, activity_week),
  SHARD KEY (tenant_id, contact_id),
  UNIQUE KEY uq_contact_activity_weeks (tenant_id, contact_id, activity_week) USING HASH
) AUTOSTATS_ENABLED = TRUE;

ALTER TABLE touchpoint_value ADD COLUMN median_net_with_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE touchpoint_value ADD COLUMN median_net_without_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE touchpoint_value ADD COLUMN counted VARCHAR(16) NOT NULL DEFAULT 'ever';

-- "Daily revenue for tenant T, last 90 days" reads one tenant's rows in date order.
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
  SORT KEY (tenant_id, revenue_date),
  SHARD KEY (tenant_id),
  UNIQUE KEY uq_daily_revenue (tenant_id, revenue_date, source, currency) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE REFERENCE TABLE cohort_value (
  tenant_id              VARCHAR(64) NOT NULL,
  cohort_month           DATE        NOT NULL,
  months_since           INT         NOT NULL,
  currency               CHAR(3)     NOT NULL,
  contacts               BIGINT      NOT NULL,
  cumulative_net_minor   BIGINT      NOT NULL,
  net_per_contact_minor  BIGINT      NOT NULL,
  computed_at            DATETIME(6) NOT NULL,
  SORT KEY (tenant_id, cohort_month),
  PRIMARY KEY (tenant_id, cohort_month, months_since, currency) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE REFERENCE TABLE attribution (
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
  SORT KEY (tenant_id, model),
  PRIMARY KEY (tenant_id, model, channel, campaign, currency) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE REFERENCE TABLE retention (
  tenant_id        VARCHAR(64) NOT NULL,
  cohort_week      DATE        NOT NULL,
  weeks_since      INT         NOT NULL,
  cohort_contacts  BIGINT      NOT NULL,
  active_contacts  BIGINT      NOT NULL,
  computed_at      DATETIME(6) NOT NULL,
  SORT KEY (tenant_id, cohort_week),
  PRIMARY KEY (tenant_id, cohort_week, weeks_since) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE ROWSTORE REFERENCE TABLE rollup_state (
  tenant_id   VARCHAR(64)  NOT NULL,
  settings    VARCHAR(255) NOT NULL,
  sql_digest  CHAR(64)     NOT NULL,
  rebuilt_at  DATETIME(6)  NOT NULL,
  updated_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (tenant_id)
);
