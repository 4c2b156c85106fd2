-- Rollups kept up to date by differences, SingleStore dialect (columns and why as sql/mysql/V011).

ALTER TABLE daily_revenue ADD COLUMN refunds BIGINT NOT NULL DEFAULT 0;

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
  SORT KEY (tenant_id, revenue_date),
  SHARD KEY (tenant_id),
  UNIQUE KEY uq_rollup_work_daily (tenant_id, revenue_date, source, currency) USING HASH
);

CREATE TABLE rollup_work_day_rates (
  tenant_id     VARCHAR(64)    NOT NULL,
  revenue_date  DATE           NOT NULL,
  currency      CHAR(3)        NOT NULL,
  rate          DECIMAL(24,12) NOT NULL,
  SORT KEY (tenant_id, revenue_date),
  SHARD KEY (tenant_id),
  UNIQUE KEY uq_rollup_work_day_rates (tenant_id, revenue_date, currency) USING HASH
);

CREATE TABLE rollup_sum_cohort_sizes (
  tenant_id     VARCHAR(64) NOT NULL,
  cohort_month  DATE        NOT NULL,
  contacts      BIGINT      NOT NULL,
  SORT KEY (tenant_id, cohort_month),
  SHARD KEY (tenant_id),
  UNIQUE KEY uq_rollup_sum_cohort_sizes (tenant_id, cohort_month) USING HASH
);

CREATE TABLE rollup_sum_cohort_money (
  tenant_id     VARCHAR(64) NOT NULL,
  cohort_month  DATE        NOT NULL,
  currency      CHAR(3)     NOT NULL,
  money_month   DATE        NOT NULL,
  net_minor     BIGINT      NOT NULL,
  entries       BIGINT      NOT NULL,
  SORT KEY (tenant_id, cohort_month),
  SHARD KEY (tenant_id),
  UNIQUE KEY uq_rollup_sum_cohort_money (tenant_id, cohort_month, currency, money_month) USING HASH
);

CREATE TABLE rollup_sum_retention (
  tenant_id      VARCHAR(64) NOT NULL,
  cohort_week    DATE        NOT NULL,
  activity_week  DATE        NOT NULL,
  active         BIGINT      NOT NULL,
  SORT KEY (tenant_id, cohort_week),
  SHARD KEY (tenant_id),
  UNIQUE KEY uq_rollup_sum_retention (tenant_id, cohort_week, activity_week) USING HASH
);

CREATE TABLE rollup_work_cohort_members (
  tenant_id     VARCHAR(64) NOT NULL,
  contact_id    CHAR(26)    NOT NULL,
  cohort_month  DATE        NOT NULL,
  SORT KEY (tenant_id, contact_id),
  SHARD KEY (tenant_id, contact_id),
  UNIQUE KEY uq_rollup_work_cohort_members (tenant_id, contact_id) USING HASH
);

CREATE TABLE rollup_work_cohort_sizes LIKE rollup_sum_cohort_sizes;

CREATE TABLE rollup_work_cohort_money LIKE rollup_sum_cohort_money;

CREATE TABLE rollup_work_retention LIKE rollup_sum_retention;

CREATE TABLE rollup_sum_attribution (
  tenant_id      VARCHAR(64)  NOT NULL,
  model          VARCHAR(16)  NOT NULL,
  channel        VARCHAR(255) NOT NULL,
  campaign       VARCHAR(255) NOT NULL,
  currency       CHAR(3)      NOT NULL,
  contacts       BIGINT       NOT NULL,
  purchases      BIGINT       NOT NULL,
  revenue_minor  BIGINT       NOT NULL,
  SORT KEY (tenant_id, model),
  SHARD KEY (tenant_id),
  UNIQUE KEY uq_rollup_sum_attribution (tenant_id, model, channel, campaign, currency) USING HASH
);

CREATE TABLE rollup_work_attribution LIKE rollup_sum_attribution;
