-- contact_value: per tenant, contact and purchase currency. The runner first deletes the tenant's
-- rows in the same transaction, so a recompute is idempotent.
-- Refunds: rows with is_cumulative = 1 state the total refunded so far, so the largest counts;
-- other refund rows add up. A purchase never nets below zero.
-- Touchpoints are resolved to contacts through contact_identities (user id, then anonymous id).
INSERT INTO contact_value (tenant_id, contact_id, currency, orders, gross_minor, refunds_minor, net_minor,
                           first_purchase_at, first_touch_at, first_touch_channel, first_touch_campaign,
                           last_activity_at, computed_at)
WITH resolved_touch AS (
  SELECT COALESCE(t.contact_id, iu.contact_id, ia.contact_id) AS contact_id,
         t.occurred_at, t.channel, t.campaign, t.event_id
  FROM touchpoints t
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE t.tenant_id = :tenantId
),
first_touch AS (
  SELECT contact_id, occurred_at, channel, campaign
  FROM (SELECT contact_id, occurred_at, channel, campaign,
               ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY occurred_at, event_id) AS rn
        FROM resolved_touch
        WHERE contact_id IS NOT NULL) ranked
  WHERE rn = 1
),
last_touch AS (
  SELECT contact_id, MAX(occurred_at) AS last_touch_at
  FROM resolved_touch
  WHERE contact_id IS NOT NULL
  GROUP BY contact_id
),
refund_per_purchase AS (
  SELECT purchase_key,
         SUM(CASE WHEN is_cumulative = 0 THEN -amount_minor ELSE 0 END)
           + MAX(CASE WHEN is_cumulative = 1 THEN -amount_minor ELSE 0 END) AS refunded_minor
  FROM refunds
  WHERE tenant_id = :tenantId
  GROUP BY purchase_key
),
purchase_totals AS (
  SELECT p.contact_id, p.currency,
         COUNT(*) AS orders,
         SUM(p.amount_minor) AS gross_minor,
         SUM(COALESCE(LEAST(r.refunded_minor, p.amount_minor), 0)) AS refunds_minor,
         MIN(p.occurred_at) AS first_purchase_at,
         MAX(p.occurred_at) AS last_purchase_at
  FROM purchases p
  LEFT JOIN refund_per_purchase r ON r.purchase_key = p.purchase_key
  WHERE p.tenant_id = :tenantId
  GROUP BY p.contact_id, p.currency
)
SELECT c.tenant_id, c.contact_id,
       COALESCE(pt.currency, ''),
       COALESCE(pt.orders, 0),
       COALESCE(pt.gross_minor, 0),
       COALESCE(pt.refunds_minor, 0),
       COALESCE(pt.gross_minor, 0) - COALESCE(pt.refunds_minor, 0),
       pt.first_purchase_at,
       ft.occurred_at, ft.channel, ft.campaign,
       CASE WHEN pt.last_purchase_at IS NULL THEN lt.last_touch_at
            WHEN lt.last_touch_at IS NULL THEN pt.last_purchase_at
            WHEN lt.last_touch_at > pt.last_purchase_at THEN lt.last_touch_at
            ELSE pt.last_purchase_at END,
       CURRENT_TIMESTAMP(6)
FROM contacts c
LEFT JOIN purchase_totals pt ON pt.contact_id = c.contact_id
LEFT JOIN first_touch ft ON ft.contact_id = c.contact_id
LEFT JOIN last_touch lt ON lt.contact_id = c.contact_id
WHERE c.tenant_id = :tenantId
