-- scope: delta
-- cohort_value: per tenant, cohort month (the local month of a contact's first counted purchase),
-- months since that month, and currency. contacts: the cohort's size (every currency row of a cohort
-- has the same). cumulative_net_minor: the cohort's purchases minus refunds in this currency, each on
-- its own local month, from the cohort month through months_since; net_per_contact_minor: that
-- divided by contacts, rounded half away from zero.
-- A cohort has a row for each month, from its own on, in which the tenant had any purchase or
-- refund, in each currency the cohort ever bought in.
-- Its inputs are sums over contacts, kept by differences (see 11_daily_revenue.sql): each cohort's size
-- (rollup_sum_cohort_sizes), and its net and number of purchases and refunds per currency and month
-- (rollup_sum_cohort_money). A batch moves the shares of its contacts only; the table is then recomputed
-- from those sums, which hold a few rows per cohort and month.
-- phase: footprint
DELETE FROM rollup_work_cohort_members WHERE tenant_id = :tenantId;

INSERT INTO rollup_work_cohort_members (tenant_id, contact_id, cohort_month)
SELECT :tenantId, contact_id, DATE_SUB(local_date, INTERVAL DAYOFMONTH(local_date) - 1 DAY)
FROM (SELECT cp.contact_id, cp.local_date,
             ROW_NUMBER() OVER (PARTITION BY cp.contact_id ORDER BY cp.occurred_at, cp.purchase_key) AS nth
      FROM rollup_scope s
      JOIN counted_purchases cp ON cp.tenant_id = s.tenant_id AND cp.contact_id = s.contact_id
      WHERE s.tenant_id = :tenantId) ranked
WHERE nth = 1;

INSERT INTO rollup_work_cohort_sizes (tenant_id, cohort_month, contacts)
SELECT :tenantId, c.cohort_month, c.d_contacts
FROM (SELECT cohort_month, :sign * COUNT(*) AS d_contacts
      FROM rollup_work_cohort_members WHERE tenant_id = :tenantId GROUP BY cohort_month) c
ON DUPLICATE KEY UPDATE contacts = rollup_work_cohort_sizes.contacts + VALUES(contacts);

INSERT INTO rollup_work_cohort_money (tenant_id, cohort_month, currency, money_month, net_minor, entries)
SELECT :tenantId, c.cohort_month, c.currency, c.money_month, c.d_net, c.d_entries
FROM (
  SELECT m.cohort_month, mo.currency, DATE_SUB(mo.local_date, INTERVAL DAYOFMONTH(mo.local_date) - 1 DAY) AS money_month,
         :sign * SUM(mo.amount_minor) AS d_net, :sign * COUNT(*) AS d_entries
  FROM (
    SELECT cp.contact_id, cp.currency, cp.local_date, cp.amount_minor
    FROM rollup_scope s
    JOIN counted_purchases cp ON cp.tenant_id = s.tenant_id AND cp.contact_id = s.contact_id
    WHERE s.tenant_id = :tenantId
    UNION ALL
    SELECT cr.contact_id, cr.currency, cr.local_date, -cr.amount_minor
    FROM rollup_scope s
    JOIN counted_refunds cr ON cr.tenant_id = s.tenant_id AND cr.contact_id = s.contact_id
    WHERE s.tenant_id = :tenantId
  ) mo
  JOIN rollup_work_cohort_members m ON m.tenant_id = :tenantId AND m.contact_id = mo.contact_id
  GROUP BY m.cohort_month, mo.currency, DATE_SUB(mo.local_date, INTERVAL DAYOFMONTH(mo.local_date) - 1 DAY)
) c
ON DUPLICATE KEY UPDATE
  net_minor = rollup_work_cohort_money.net_minor + VALUES(net_minor),
  entries = rollup_work_cohort_money.entries + VALUES(entries);

-- phase: apply
INSERT INTO rollup_sum_cohort_sizes (tenant_id, cohort_month, contacts)
SELECT tenant_id, cohort_month, contacts FROM rollup_work_cohort_sizes WHERE tenant_id = :tenantId AND contacts <> 0
ON DUPLICATE KEY UPDATE contacts = rollup_sum_cohort_sizes.contacts + VALUES(contacts);

DELETE FROM rollup_sum_cohort_sizes WHERE tenant_id = :tenantId AND contacts = 0;

INSERT INTO rollup_sum_cohort_money (tenant_id, cohort_month, currency, money_month, net_minor, entries)
SELECT tenant_id, cohort_month, currency, money_month, net_minor, entries
FROM rollup_work_cohort_money
WHERE tenant_id = :tenantId AND (net_minor <> 0 OR entries <> 0)
ON DUPLICATE KEY UPDATE
  net_minor = rollup_sum_cohort_money.net_minor + VALUES(net_minor),
  entries = rollup_sum_cohort_money.entries + VALUES(entries);

DELETE FROM rollup_sum_cohort_money WHERE tenant_id = :tenantId AND entries = 0;

DELETE FROM cohort_value WHERE tenant_id = :tenantId;

INSERT INTO cohort_value (tenant_id, cohort_month, months_since, currency, contacts, cumulative_net_minor,
                          net_per_contact_minor, computed_at)
WITH cohort_money AS (
  SELECT YEAR(cohort_month) * 12 + MONTH(cohort_month) - 1 AS cohort_index, currency,
         YEAR(money_month) * 12 + MONTH(money_month) - 1 AS month_index, net_minor
  FROM rollup_sum_cohort_money
  WHERE tenant_id = :tenantId
),
cohorts AS (
  SELECT YEAR(cohort_month) * 12 + MONTH(cohort_month) - 1 AS cohort_index, cohort_month, contacts
  FROM rollup_sum_cohort_sizes
  WHERE tenant_id = :tenantId
),
tenant_months AS (
  SELECT DISTINCT month_index FROM cohort_money
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
SELECT :tenantId, c.cohort_month, cu.months_since, cu.currency, c.contacts, cu.cumulative_net_minor,
       ROUND(cu.cumulative_net_minor / c.contacts), CURRENT_TIMESTAMP(6)
FROM cumulative cu
JOIN cohorts c ON c.cohort_index = cu.cohort_index
