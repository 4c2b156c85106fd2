-- scope: delta
-- retention: per tenant, cohort week (the local Monday of a contact's first active week) and weeks
-- since (reads contact_activity_weeks). cohort_contacts: contacts whose first active week it is;
-- active_contacts: how many of them had a touchpoint or a counted purchase that week. A cohort has a
-- row for each week, from its own on, in which any contact of the tenant was active (0 when none of
-- the cohort was).
-- Its input is a sum over contacts kept by differences (see 11_daily_revenue.sql): per cohort week and
-- week, how many of the cohort were active (rollup_sum_retention; a cohort's size is its count in its
-- own week, as every contact is active in its first week). The table is recomputed from that sum.
-- phase: footprint
INSERT INTO rollup_work_retention (tenant_id, cohort_week, activity_week, active)
SELECT :tenantId, r.cohort_week, r.activity_week, r.d_active
FROM (
  SELECT m.cohort_week, a.activity_week, :sign * COUNT(*) AS d_active
  FROM (SELECT caw.contact_id, caw.activity_week
        FROM rollup_scope s
        JOIN contact_activity_weeks caw ON caw.tenant_id = s.tenant_id AND caw.contact_id = s.contact_id
        WHERE s.tenant_id = :tenantId) a
  JOIN (SELECT caw.contact_id, MIN(caw.activity_week) AS cohort_week
        FROM rollup_scope s
        JOIN contact_activity_weeks caw ON caw.tenant_id = s.tenant_id AND caw.contact_id = s.contact_id
        WHERE s.tenant_id = :tenantId
        GROUP BY caw.contact_id) m ON m.contact_id = a.contact_id
  GROUP BY m.cohort_week, a.activity_week
) r
ON DUPLICATE KEY UPDATE active = rollup_work_retention.active + VALUES(active);

-- phase: apply
INSERT INTO rollup_sum_retention (tenant_id, cohort_week, activity_week, active)
SELECT tenant_id, cohort_week, activity_week, active FROM rollup_work_retention WHERE tenant_id = :tenantId AND active <> 0
ON DUPLICATE KEY UPDATE active = rollup_sum_retention.active + VALUES(active);

DELETE FROM rollup_sum_retention WHERE tenant_id = :tenantId AND active = 0;

DELETE FROM retention WHERE tenant_id = :tenantId;

INSERT INTO retention (tenant_id, cohort_week, weeks_since, cohort_contacts, active_contacts, computed_at)
WITH sums AS (
  SELECT cohort_week, activity_week, active FROM rollup_sum_retention WHERE tenant_id = :tenantId
),
cohorts AS (
  SELECT cohort_week, active AS contacts FROM sums WHERE activity_week = cohort_week
),
tenant_weeks AS (
  SELECT DISTINCT activity_week FROM sums
)
SELECT :tenantId, c.cohort_week, FLOOR(DATEDIFF(w.activity_week, c.cohort_week) / 7), c.contacts,
       COALESCE(a.active, 0), CURRENT_TIMESTAMP(6)
FROM cohorts c
JOIN tenant_weeks w ON w.activity_week >= c.cohort_week
LEFT JOIN rollup_sum_retention a
       ON a.tenant_id = :tenantId AND a.cohort_week = c.cohort_week AND a.activity_week = w.activity_week
