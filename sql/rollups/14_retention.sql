-- scope: tenant
-- retention: per tenant, cohort week (the local Monday of a contact's first active week) and weeks
-- since (reads contact_activity_weeks). cohort_contacts: contacts whose first active week it is;
-- active_contacts: how many of them had a touchpoint or a counted purchase that week. A cohort has a
-- row for each week, from its own on, in which any contact of the tenant was active (0 when none of
-- the cohort was).
INSERT INTO retention (tenant_id, cohort_week, weeks_since, cohort_contacts, active_contacts, computed_at)
WITH activity AS (
  SELECT contact_id, activity_week FROM contact_activity_weeks WHERE tenant_id = :tenantId
),
members AS (
  SELECT contact_id, MIN(activity_week) AS cohort_week FROM activity GROUP BY contact_id
),
cohorts AS (
  SELECT cohort_week, COUNT(*) AS contacts FROM members GROUP BY cohort_week
),
active AS (
  SELECT m.cohort_week, a.activity_week, COUNT(*) AS active_contacts
  FROM activity a
  JOIN members m ON m.contact_id = a.contact_id
  GROUP BY m.cohort_week, a.activity_week
),
tenant_weeks AS (
  SELECT DISTINCT activity_week FROM activity
)
SELECT :tenantId, c.cohort_week, FLOOR(DATEDIFF(w.activity_week, c.cohort_week) / 7), c.contacts,
       COALESCE(a.active_contacts, 0), CURRENT_TIMESTAMP(6)
FROM cohorts c
JOIN tenant_weeks w ON w.activity_week >= c.cohort_week
LEFT JOIN active a ON a.cohort_week = c.cohort_week AND a.activity_week = w.activity_week
