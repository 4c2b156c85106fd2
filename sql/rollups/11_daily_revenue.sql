-- scope: tenant
-- daily_revenue: per tenant, local day (tenant time zone), source and currency (reads
-- counted_purchases and counted_refunds, no facts). orders and gross_minor count the purchases made
-- that day; refunds_minor the refunds made that day, whatever the purchase's day (a March refund of a
-- January purchase lowers March); net_minor = gross_minor - refunds_minor, so it can be negative. A
-- refund's source and currency are its purchase's.
-- new_customers: contacts whose first counted purchase ever was made that day in this source and
-- currency; returning_customers: the other contacts who bought that day in this source and currency.
-- net_reporting_minor: net_minor in :reportingCurrency at the latest fx_rates rate on or before the
-- day (NULL without a rate or without a reporting currency).
INSERT INTO daily_revenue (tenant_id, revenue_date, source, currency, orders, gross_minor, refunds_minor, net_minor,
                           new_customers, returning_customers, reporting_currency, net_reporting_minor, computed_at)
WITH purchases_ranked AS (
  SELECT contact_id, local_date, source, currency, amount_minor,
         ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY occurred_at, purchase_key) AS nth
  FROM counted_purchases
  WHERE tenant_id = :tenantId
),
buyers AS (
  SELECT local_date, source, currency, contact_id,
         COUNT(*) AS orders, SUM(amount_minor) AS gross_minor, MAX(CASE WHEN nth = 1 THEN 1 ELSE 0 END) AS is_new
  FROM purchases_ranked
  GROUP BY local_date, source, currency, contact_id
),
sales AS (
  SELECT local_date, source, currency, SUM(orders) AS orders, SUM(gross_minor) AS gross_minor,
         SUM(is_new) AS new_customers, SUM(1 - is_new) AS returning_customers
  FROM buyers
  GROUP BY local_date, source, currency
),
refunded AS (
  SELECT local_date, source, currency, SUM(amount_minor) AS refunds_minor
  FROM counted_refunds
  WHERE tenant_id = :tenantId
  GROUP BY local_date, source, currency
),
days AS (
  SELECT local_date, source, currency FROM sales
  UNION
  SELECT local_date, source, currency FROM refunded
),
totals AS (
  SELECT d.local_date, d.source, d.currency,
         COALESCE(s.orders, 0) AS orders, COALESCE(s.gross_minor, 0) AS gross_minor,
         COALESCE(r.refunds_minor, 0) AS refunds_minor,
         COALESCE(s.new_customers, 0) AS new_customers, COALESCE(s.returning_customers, 0) AS returning_customers
  FROM days d
  LEFT JOIN sales s ON s.local_date = d.local_date AND s.source = d.source AND s.currency = d.currency
  LEFT JOIN refunded r ON r.local_date = d.local_date AND r.source = d.source AND r.currency = d.currency
),
rates AS (
  SELECT t.local_date, t.currency, f.rate,
         ROW_NUMBER() OVER (PARTITION BY t.local_date, t.currency ORDER BY f.rate_date DESC) AS latest
  FROM (SELECT DISTINCT local_date, currency FROM totals) t
  JOIN fx_rates f ON f.reporting_currency = :reportingCurrency AND f.currency = t.currency AND f.rate_date <= t.local_date
)
SELECT :tenantId, t.local_date, t.source, t.currency, t.orders, t.gross_minor, t.refunds_minor,
       t.gross_minor - t.refunds_minor, t.new_customers, t.returning_customers,
       :reportingCurrency,
       CASE WHEN t.currency = :reportingCurrency THEN t.gross_minor - t.refunds_minor
            ELSE ROUND((t.gross_minor - t.refunds_minor) * r.rate) END,
       CURRENT_TIMESTAMP(6)
FROM totals t
LEFT JOIN rates r ON r.local_date = t.local_date AND r.currency = t.currency AND r.latest = 1
