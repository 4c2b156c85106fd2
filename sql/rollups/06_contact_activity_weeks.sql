-- scope: contact
-- contact_activity_weeks: the local weeks (Monday first, tenant time zone) in which each contact in
-- rollup_scope had a touchpoint or a counted purchase. Tag applications are not activity (a CRM
-- import tags everyone at once).
INSERT INTO contact_activity_weeks (tenant_id, contact_id, activity_week)
WITH active_days AS (
  SELECT rt.contact_id, DATE(DATE_ADD(rt.occurred_at, INTERVAL z.offset_seconds SECOND)) AS local_date
  FROM rollup_work_touches rt
  JOIN tenant_time_zone_offsets z
    ON z.tenant_id = rt.tenant_id AND rt.occurred_at >= z.valid_from AND rt.occurred_at < z.valid_to
  WHERE rt.tenant_id = :tenantId
  UNION ALL
  SELECT cp.contact_id, cp.local_date
  FROM counted_purchases cp
  JOIN rollup_scope s ON s.tenant_id = cp.tenant_id AND s.contact_id = cp.contact_id
  WHERE cp.tenant_id = :tenantId
)
SELECT DISTINCT :tenantId, contact_id, DATE_SUB(local_date, INTERVAL WEEKDAY(local_date) DAY)
FROM active_days
