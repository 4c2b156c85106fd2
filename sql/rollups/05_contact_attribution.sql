-- scope: contact
-- contact_attribution: for each customer in rollup_scope (a contact with a counted purchase), the
-- marketing touch credited with it under each model:
--   first_touch  its earliest touchpoint with a channel or campaign, at or before its first purchase
--   last_touch   its latest such touchpoint at or before its first purchase
-- Ties go to the smaller event_id. A customer with no such touch gets channel '' and campaign ''
-- (touched_at NULL), so attribution totals reconcile with revenue. Channels are lower-cased.
INSERT INTO contact_attribution (tenant_id, contact_id, model, channel, campaign, touched_at)
WITH first_purchase AS (
  SELECT cp.contact_id, MIN(cp.occurred_at) AS first_purchase_at
  FROM counted_purchases cp
  JOIN rollup_scope s ON s.tenant_id = cp.tenant_id AND s.contact_id = cp.contact_id
  WHERE cp.tenant_id = :tenantId
  GROUP BY cp.contact_id
),
resolved_touch AS (
  SELECT contact_id, event_id, channel, campaign, occurred_at
  FROM rollup_work_touches
  WHERE tenant_id = :tenantId
    AND ((channel IS NOT NULL AND channel <> '') OR (campaign IS NOT NULL AND campaign <> ''))
),
ranked AS (
  SELECT rt.contact_id, LOWER(COALESCE(rt.channel, '')) AS channel, COALESCE(rt.campaign, '') AS campaign, rt.occurred_at,
         ROW_NUMBER() OVER (PARTITION BY rt.contact_id ORDER BY rt.occurred_at, rt.event_id) AS from_first,
         ROW_NUMBER() OVER (PARTITION BY rt.contact_id ORDER BY rt.occurred_at DESC, rt.event_id) AS from_last
  FROM resolved_touch rt
  JOIN first_purchase fp ON fp.contact_id = rt.contact_id
  WHERE rt.occurred_at <= fp.first_purchase_at
)
SELECT :tenantId, fp.contact_id, 'first_touch', COALESCE(r.channel, ''), COALESCE(r.campaign, ''), r.occurred_at
FROM first_purchase fp
LEFT JOIN ranked r ON r.contact_id = fp.contact_id AND r.from_first = 1
UNION ALL
SELECT :tenantId, fp.contact_id, 'last_touch', COALESCE(r.channel, ''), COALESCE(r.campaign, ''), r.occurred_at
FROM first_purchase fp
LEFT JOIN ranked r ON r.contact_id = fp.contact_id AND r.from_last = 1
