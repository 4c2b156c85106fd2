-- scope: contact
-- contact_activity_weeks: the local weeks (Monday first, tenant time zone) in which each contact in
-- rollup_scope had a touchpoint or a counted purchase. Tag applications are not activity (a CRM
-- import tags everyone at once).
INSERT INTO contact_activity_weeks (tenant_id, contact_id, activity_week)
WITH resolved_touch AS (
  SELECT COALESCE(t.contact_id, iu.contact_id, ia.contact_id) AS contact_id, t.occurred_at
  FROM touchpoints t
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE t.tenant_id = :tenantId
),
active_days AS (
  SELECT rt.contact_id, DATE(DATE_ADD(rt.occurred_at, INTERVAL z.offset_seconds SECOND)) AS local_date
  FROM resolved_touch rt
  JOIN rollup_scope s ON s.tenant_id = :tenantId AND s.contact_id = rt.contact_id
  JOIN tenant_time_zone_offsets z
    ON z.tenant_id = :tenantId AND rt.occurred_at >= z.valid_from AND rt.occurred_at < z.valid_to
  UNION ALL
  SELECT cp.contact_id, cp.local_date
  FROM counted_purchases cp
  JOIN rollup_scope s ON s.tenant_id = cp.tenant_id AND s.contact_id = cp.contact_id
  WHERE cp.tenant_id = :tenantId
)
SELECT DISTINCT :tenantId, contact_id, DATE_SUB(local_date, INTERVAL WEEKDAY(local_date) DAY)
FROM active_days
