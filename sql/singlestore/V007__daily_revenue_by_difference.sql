-- daily_revenue kept up to date by differences, SingleStore dialect (columns and why as sql/mysql/V011).

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
