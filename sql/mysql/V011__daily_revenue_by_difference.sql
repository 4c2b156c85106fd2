-- daily_revenue is kept up to date by differences (sql/rollups/11_daily_revenue.sql): a nightly batch
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
