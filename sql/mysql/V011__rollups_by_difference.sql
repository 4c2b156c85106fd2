-- Rollups kept up to date by differences. daily_revenue (sql/rollups/11_daily_revenue.sql): a nightly batch
-- subtracts the old share of the contacts it touched and adds their new one, so it rereads only those
-- contacts' purchases and refunds instead of the tenant's. refunds: how many refunds were made that day
-- (a day's row exists while it has an order or a refund; the count says when it has neither).
ALTER TABLE daily_revenue ADD COLUMN refunds BIGINT NOT NULL DEFAULT 0 AFTER gross_minor;

-- The signed sum of the scoped contacts' shares, per day, source and currency, during one run.
CREATE TABLE rollup_work_daily (
  tenant_id            VARCHAR(64) NOT NULL,
  revenue_date         DATE        NOT NULL,
  source               VARCHAR(32) NOT NULL,
  currency             CHAR(3)     NOT NULL,
  orders               BIGINT      NOT NULL,
  gross_minor          BIGINT      NOT NULL,
  refunds              BIGINT      NOT NULL,
  refunds_minor        BIGINT      NOT NULL,
  new_customers        BIGINT      NOT NULL,
  returning_customers  BIGINT      NOT NULL,
  PRIMARY KEY (tenant_id, revenue_date, source, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The latest fx rate on or before each day and currency of the tenant's daily_revenue, during one run.
CREATE TABLE rollup_work_day_rates (
  tenant_id     VARCHAR(64)    NOT NULL,
  revenue_date  DATE           NOT NULL,
  currency      CHAR(3)        NOT NULL,
  rate          DECIMAL(24,12) NOT NULL,
  PRIMARY KEY (tenant_id, revenue_date, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- cohort_value, attribution and retention are recomputed from these sums over contacts, kept up to date
-- by differences like daily_revenue (sql/rollups/12 to 14); a rebuild empties and refills them.
-- Contacts per cohort month (the local month of their first counted purchase).
CREATE TABLE rollup_sum_cohort_sizes (
  tenant_id     VARCHAR(64) NOT NULL,
  cohort_month  DATE        NOT NULL,
  contacts      BIGINT      NOT NULL,
  PRIMARY KEY (tenant_id, cohort_month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per cohort month, currency and local month: the cohort's purchases minus refunds, and how many
-- purchases and refunds made them (a month with entries exists even when its net is 0).
CREATE TABLE rollup_sum_cohort_money (
  tenant_id     VARCHAR(64) NOT NULL,
  cohort_month  DATE        NOT NULL,
  currency      CHAR(3)     NOT NULL,
  money_month   DATE        NOT NULL,
  net_minor     BIGINT      NOT NULL,
  entries       BIGINT      NOT NULL,
  PRIMARY KEY (tenant_id, cohort_month, currency, money_month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per cohort week (a contact's first active week) and week: how many of the cohort were active.
CREATE TABLE rollup_sum_retention (
  tenant_id      VARCHAR(64) NOT NULL,
  cohort_week    DATE        NOT NULL,
  activity_week  DATE        NOT NULL,
  active         BIGINT      NOT NULL,
  PRIMARY KEY (tenant_id, cohort_week, activity_week)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per attribution model, channel, campaign and currency: the credited customers, their orders and net
-- value (sql/rollups/13_attribution.sql adds the tenant's ad spend to these).
CREATE TABLE rollup_sum_attribution (
  tenant_id      VARCHAR(64)  NOT NULL,
  model          VARCHAR(16)  NOT NULL,
  channel        VARCHAR(255) NOT NULL,
  campaign       VARCHAR(255) NOT NULL,
  currency       CHAR(3)      NOT NULL,
  contacts       BIGINT       NOT NULL,
  purchases      BIGINT       NOT NULL,
  revenue_minor  BIGINT       NOT NULL,
  PRIMARY KEY (tenant_id, model, channel, campaign, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_work_attribution LIKE rollup_sum_attribution;

-- The work tables of the other three, during one run (signed shares of the scoped contacts).
CREATE TABLE rollup_work_cohort_members (
  tenant_id     VARCHAR(64) NOT NULL,
  contact_id    CHAR(26)    NOT NULL,
  cohort_month  DATE        NOT NULL,
  PRIMARY KEY (tenant_id, contact_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_work_cohort_sizes LIKE rollup_sum_cohort_sizes;

CREATE TABLE rollup_work_cohort_money LIKE rollup_sum_cohort_money;

CREATE TABLE rollup_work_retention LIKE rollup_sum_retention;
