-- scope: delta
-- daily_revenue: per tenant, local day (tenant time zone), source and currency (reads
-- counted_purchases and counted_refunds, no facts). orders and gross_minor count the purchases made
-- that day; refunds and refunds_minor the refunds made that day, whatever the purchase's day (a March
-- refund of a January purchase lowers March); net_minor = gross_minor - refunds_minor, so it can be
-- negative. A refund's source and currency are its purchase's.
-- new_customers: contacts whose first counted purchase ever was made that day in this source and
-- currency; returning_customers: the other contacts who bought that day in this source and currency.
-- net_reporting_minor: net_minor in :reportingCurrency at the latest fx_rates rate on or before the
-- day (NULL without a rate or without a reporting currency).
-- Every column but the reporting one is a sum over contacts of each contact's share (its orders, money
-- and refunds of the day, and 1 for new or returning if it bought), so a batch subtracts the old shares
-- of the contacts it touched and adds their new ones (the footprint, :sign = -1 then 1), and touches
-- only the days whose sums moved. A day's row is kept while it has an order or a refund. The reporting
-- column is recomputed for every day of the tenant (a few rows per day), as a new rate can change any.
-- phase: footprint
INSERT INTO rollup_work_daily (tenant_id, revenue_date, source, currency, orders, gross_minor, refunds, refunds_minor,
                               new_customers, returning_customers)
WITH purchases_ranked AS (
  SELECT cp.contact_id, cp.local_date, cp.source, cp.currency, cp.amount_minor,
         ROW_NUMBER() OVER (PARTITION BY cp.contact_id ORDER BY cp.occurred_at, cp.purchase_key) AS nth
  FROM rollup_scope s
  JOIN counted_purchases cp ON cp.tenant_id = s.tenant_id AND cp.contact_id = s.contact_id
  WHERE s.tenant_id = :tenantId
),
buyers AS (
  SELECT local_date, source, currency, contact_id,
         COUNT(*) AS orders, SUM(amount_minor) AS gross_minor, MAX(CASE WHEN nth = 1 THEN 1 ELSE 0 END) AS is_new
  FROM purchases_ranked
  GROUP BY local_date, source, currency, contact_id
),
shares AS (
  SELECT local_date, source, currency, orders, gross_minor, 0 AS refunds, 0 AS refunds_minor,
         is_new, 1 - is_new AS is_returning
  FROM buyers
  UNION ALL
  SELECT cr.local_date, cr.source, cr.currency, 0, 0, 1, cr.amount_minor, 0, 0
  FROM rollup_scope s
  JOIN counted_refunds cr ON cr.tenant_id = s.tenant_id AND cr.contact_id = s.contact_id
  WHERE s.tenant_id = :tenantId
)
SELECT :tenantId, d.local_date, d.source, d.currency, d.d_orders, d.d_gross, d.d_refunds, d.d_refunds_minor, d.d_new,
       d.d_returning
FROM (
  SELECT local_date, source, currency,
         :sign * SUM(orders) AS d_orders, :sign * SUM(gross_minor) AS d_gross, :sign * SUM(refunds) AS d_refunds,
         :sign * SUM(refunds_minor) AS d_refunds_minor, :sign * SUM(is_new) AS d_new,
         :sign * SUM(is_returning) AS d_returning
  FROM shares
  GROUP BY local_date, source, currency
) d
ON DUPLICATE KEY UPDATE
  orders = rollup_work_daily.orders + VALUES(orders),
  gross_minor = rollup_work_daily.gross_minor + VALUES(gross_minor),
  refunds = rollup_work_daily.refunds + VALUES(refunds),
  refunds_minor = rollup_work_daily.refunds_minor + VALUES(refunds_minor),
  new_customers = rollup_work_daily.new_customers + VALUES(new_customers),
  returning_customers = rollup_work_daily.returning_customers + VALUES(returning_customers);

-- phase: apply
-- the days whose sums moved (a day whose every share came back the same is left as it was)
INSERT INTO daily_revenue (tenant_id, revenue_date, source, currency, orders, gross_minor, refunds, refunds_minor,
                           net_minor, new_customers, returning_customers, reporting_currency, net_reporting_minor,
                           computed_at)
SELECT tenant_id, revenue_date, source, currency, orders, gross_minor, refunds, refunds_minor,
       gross_minor - refunds_minor, new_customers, returning_customers, NULL, NULL, CURRENT_TIMESTAMP(6)
FROM rollup_work_daily
WHERE tenant_id = :tenantId
  AND (orders <> 0 OR gross_minor <> 0 OR refunds <> 0 OR refunds_minor <> 0 OR new_customers <> 0
       OR returning_customers <> 0)
ON DUPLICATE KEY UPDATE
  orders = daily_revenue.orders + VALUES(orders),
  gross_minor = daily_revenue.gross_minor + VALUES(gross_minor),
  refunds = daily_revenue.refunds + VALUES(refunds),
  refunds_minor = daily_revenue.refunds_minor + VALUES(refunds_minor),
  net_minor = daily_revenue.net_minor + VALUES(net_minor),
  new_customers = daily_revenue.new_customers + VALUES(new_customers),
  returning_customers = daily_revenue.returning_customers + VALUES(returning_customers),
  computed_at = VALUES(computed_at);

DELETE FROM daily_revenue WHERE tenant_id = :tenantId AND orders = 0 AND refunds = 0;

INSERT INTO rollup_work_day_rates (tenant_id, revenue_date, currency, rate)
SELECT :tenantId, revenue_date, currency, rate
FROM (
  SELECT t.revenue_date, t.currency, f.rate,
         ROW_NUMBER() OVER (PARTITION BY t.revenue_date, t.currency ORDER BY f.rate_date DESC) AS latest
  FROM (SELECT DISTINCT revenue_date, currency FROM daily_revenue WHERE tenant_id = :tenantId) t
  JOIN fx_rates f ON f.reporting_currency = :reportingCurrency AND f.currency = t.currency
                 AND f.rate_date <= t.revenue_date
) ranked
WHERE latest = 1;

UPDATE daily_revenue d
LEFT JOIN rollup_work_day_rates r
       ON r.tenant_id = d.tenant_id AND r.revenue_date = d.revenue_date AND r.currency = d.currency
SET d.reporting_currency = :reportingCurrency,
    d.net_reporting_minor = CASE WHEN d.currency = :reportingCurrency THEN d.net_minor
                                 ELSE ROUND(d.net_minor * r.rate) END
WHERE d.tenant_id = :tenantId
