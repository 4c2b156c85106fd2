-- scope: contact
-- contact_attribution: for each customer in rollup_scope (a contact with a counted purchase), the credit
-- each model gives the marketing touches (touchpoints with a channel or campaign) at or before its first
-- purchase, per channel and campaign, in millionths of the customer (credit_ppm):
--   first_touch     all to its earliest such touch
--   last_touch      all to its latest such touch
--   linear          the same to every such touch
--   position_based  40% to the first, 40% to the last, 20% split evenly among those between; 50/50 with two
--                   touches, all with one
--   time_decay      a touch's weight halves with every 7 days between it and the last touch (so every 7
--                   days before the purchase: the shares are the same), in millionths of the last's
-- Touches are ordered by time, then event_id; first_touch and last_touch give a tie to the smaller
-- event_id. Touches with the same channel and campaign add up (touched_at: the earliest of them). Each
-- model's weights are integers (position_based: 2(n-2) for the first and the last and 1 for each of the
-- n-2 between, which is 40/40/20), so the shares are exact fractions; they are rounded to millionths by
-- largest remainder: each gets the floor of its share, and the millionths left go one each to the largest
-- remainders, ties to the earlier touched_at, then channel, then campaign; so a customer's credit_ppm sums
-- to exactly 1,000,000 per model. A channel and campaign whose share rounds to 0 has no row.
-- A customer with no such touch gets one row per model with channel '' and campaign '' (touched_at NULL),
-- so attribution totals reconcile with revenue. Channels are lower-cased. Reads rollup_work_touches and
-- rollup_work_first_purchase (04).
INSERT INTO contact_attribution (tenant_id, contact_id, model, channel, campaign, touched_at, credit_ppm)
WITH touch AS (
  SELECT rt.contact_id, LOWER(COALESCE(rt.channel, '')) AS channel, COALESCE(rt.campaign, '') AS campaign,
         rt.occurred_at,
         ROW_NUMBER() OVER (PARTITION BY rt.contact_id ORDER BY rt.occurred_at, rt.event_id) AS k,
         ROW_NUMBER() OVER (PARTITION BY rt.contact_id ORDER BY rt.occurred_at DESC, rt.event_id) AS from_last,
         COUNT(*) OVER (PARTITION BY rt.contact_id) AS n,
         MAX(rt.occurred_at) OVER (PARTITION BY rt.contact_id) AS last_at
  FROM rollup_work_touches rt
  JOIN rollup_work_first_purchase fp ON fp.tenant_id = rt.tenant_id AND fp.contact_id = rt.contact_id
  WHERE rt.tenant_id = :tenantId AND rt.occurred_at <= fp.first_purchase_at
    AND ((rt.channel IS NOT NULL AND rt.channel <> '') OR (rt.campaign IS NOT NULL AND rt.campaign <> ''))
),
weighted AS (
  -- every customer under every model, with each of its touches and that touch's integer weight
  SELECT fp.contact_id, m.model, COALESCE(t.channel, '') AS channel, COALESCE(t.campaign, '') AS campaign,
         t.occurred_at,
         CASE WHEN t.contact_id IS NULL THEN 1
              WHEN m.model = 'first_touch' THEN CASE WHEN t.k = 1 THEN 1 ELSE 0 END
              WHEN m.model = 'last_touch' THEN CASE WHEN t.from_last = 1 THEN 1 ELSE 0 END
              WHEN m.model = 'linear' THEN 1
              WHEN m.model = 'position_based' THEN
                CASE WHEN t.n <= 2 THEN 1 WHEN t.k = 1 OR t.k = t.n THEN 2 * (t.n - 2) ELSE 1 END
              ELSE CAST(ROUND(1000000 * POW(0.5, TIMESTAMPDIFF(SECOND, t.occurred_at, t.last_at) / 604800E0)) AS SIGNED)
         END AS w
  FROM rollup_work_first_purchase fp
  CROSS JOIN (SELECT 'first_touch' AS model UNION ALL SELECT 'last_touch' UNION ALL SELECT 'linear'
              UNION ALL SELECT 'position_based' UNION ALL SELECT 'time_decay') m
  LEFT JOIN touch t ON t.contact_id = fp.contact_id
  WHERE fp.tenant_id = :tenantId
),
grouped AS (
  SELECT contact_id, model, channel, campaign, MIN(occurred_at) AS touched_at, SUM(w) AS w
  FROM weighted
  WHERE w > 0
  GROUP BY contact_id, model, channel, campaign
),
shared AS (
  SELECT contact_id, model, channel, campaign, touched_at, w * 1000000 AS scaled,
         SUM(w) OVER (PARTITION BY contact_id, model) AS total
  FROM grouped
),
floored AS (
  SELECT contact_id, model, channel, campaign, touched_at, scaled DIV total AS base,
         scaled - (scaled DIV total) * total AS remainder
  FROM shared
),
ranked AS (
  SELECT contact_id, model, channel, campaign, touched_at, base,
         1000000 - SUM(base) OVER (PARTITION BY contact_id, model) AS left_over,
         ROW_NUMBER() OVER (PARTITION BY contact_id, model ORDER BY remainder DESC, touched_at, channel, campaign) AS r
  FROM floored
)
SELECT :tenantId, contact_id, model, channel, campaign, touched_at,
       base + CASE WHEN r <= left_over THEN 1 ELSE 0 END
FROM ranked
WHERE base + CASE WHEN r <= left_over THEN 1 ELSE 0 END > 0
