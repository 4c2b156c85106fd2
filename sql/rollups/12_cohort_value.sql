-- scope: tenant
-- cohort_value: per tenant, cohort month (the local month of a contact's first counted purchase),
-- months since that month, and currency. contacts: the cohort's size (every currency row of a cohort
-- has the same). cumulative_net_minor: the cohort's purchases minus refunds in this currency, each on
-- its own local month, from the cohort month through months_since; net_per_contact_minor: that
-- divided by contacts, rounded half away from zero.
-- A cohort has a row for each month, from its own on, in which the tenant had any purchase or
-- refund, in each currency the cohort ever bought in.
INSERT INTO cohort_value (tenant_id, cohort_month, months_since, currency, contacts, cumulative_net_minor,
                          net_per_contact_minor, computed_at)
WITH firsts AS (
  SELECT contact_id, local_date
  FROM (SELECT contact_id, local_date,
               ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY occurred_at, purchase_key) AS nth
        FROM counted_purchases WHERE tenant_id = :tenantId) ranked
  WHERE nth = 1
),
members AS (
  SELECT contact_id, YEAR(local_date) * 12 + MONTH(local_date) - 1 AS cohort_index,
         DATE_SUB(local_date, INTERVAL DAYOFMONTH(local_date) - 1 DAY) AS cohort_month
  FROM firsts
),
cohorts AS (
  SELECT cohort_index, cohort_month, COUNT(*) AS contacts FROM members GROUP BY cohort_index, cohort_month
),
money AS (
  SELECT contact_id, currency, YEAR(local_date) * 12 + MONTH(local_date) - 1 AS month_index, amount_minor
  FROM counted_purchases WHERE tenant_id = :tenantId
  UNION ALL
  SELECT contact_id, currency, YEAR(local_date) * 12 + MONTH(local_date) - 1, -amount_minor
  FROM counted_refunds WHERE tenant_id = :tenantId
),
cohort_money AS (
  SELECT m.cohort_index, mo.currency, mo.month_index, SUM(mo.amount_minor) AS net_minor
  FROM money mo
  JOIN members m ON m.contact_id = mo.contact_id
  GROUP BY m.cohort_index, mo.currency, mo.month_index
),
tenant_months AS (
  SELECT DISTINCT month_index FROM money
),
grid AS (
  SELECT cc.cohort_index, cc.currency, tm.month_index
  FROM (SELECT DISTINCT cohort_index, currency FROM cohort_money) cc
  JOIN tenant_months tm ON tm.month_index >= cc.cohort_index
),
cumulative AS (
  SELECT g.cohort_index, g.currency, g.month_index - g.cohort_index AS months_since,
         SUM(COALESCE(cm.net_minor, 0)) OVER (PARTITION BY g.cohort_index, g.currency ORDER BY g.month_index
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_net_minor
  FROM grid g
  LEFT JOIN cohort_money cm
         ON cm.cohort_index = g.cohort_index AND cm.currency = g.currency AND cm.month_index = g.month_index
)
SELECT :tenantId,
       c.cohort_month,
       cu.months_since, cu.currency, c.contacts, cu.cumulative_net_minor,
       ROUND(cu.cumulative_net_minor / c.contacts), CURRENT_TIMESTAMP(6)
FROM cumulative cu
JOIN cohorts c ON c.cohort_index = cu.cohort_index
