-- scope: contact
-- counted_purchases: one row per real payment of the tenant, for the contacts in rollup_scope.
-- A purchase from another source whose payment_ref or payment_intent_ref equals a Stripe purchase's
-- (both non-null) is the same payment: it is folded into the Stripe purchase (folded_keys counts
-- them) and its refunds count against the Stripe purchase.
-- Refunds per purchase: GREATEST(sum of individual refunds, largest cumulative total), since both
-- describe the same money, never more than the purchase amount.
INSERT INTO counted_purchases (tenant_id, purchase_key, contact_id, source, occurred_at, local_date, currency,
                               amount_minor, refunded_minor, net_minor, folded_keys)
WITH processor AS (
  SELECT purchase_key, payment_ref, payment_intent_ref
  FROM purchases
  WHERE tenant_id = :tenantId AND source = 'stripe'
),
repeats AS (
  SELECT repeat_key, MIN(counted_key) AS counted_key
  FROM (
    SELECT p.purchase_key AS repeat_key, s.purchase_key AS counted_key
    FROM purchases p JOIN processor s ON s.payment_ref = p.payment_ref
    WHERE p.tenant_id = :tenantId AND p.source <> 'stripe'
    UNION ALL
    SELECT p.purchase_key, s.purchase_key
    FROM purchases p JOIN processor s ON s.payment_intent_ref = p.payment_intent_ref
    WHERE p.tenant_id = :tenantId AND p.source <> 'stripe'
  ) matched
  GROUP BY repeat_key
),
folded AS (
  SELECT counted_key, COUNT(*) AS folded_keys FROM repeats GROUP BY counted_key
),
refund_totals AS (
  SELECT COALESCE(rp.counted_key, r.purchase_key) AS purchase_key,
         GREATEST(SUM(CASE WHEN r.is_cumulative = 0 THEN -r.amount_minor ELSE 0 END),
                  MAX(CASE WHEN r.is_cumulative = 1 THEN -r.amount_minor ELSE 0 END), 0) AS refunded_minor
  FROM refunds r
  LEFT JOIN repeats rp ON rp.repeat_key = r.purchase_key
  WHERE r.tenant_id = :tenantId
  GROUP BY COALESCE(rp.counted_key, r.purchase_key)
)
SELECT p.tenant_id, p.purchase_key, p.contact_id, p.source, p.occurred_at,
       DATE(DATE_ADD(p.occurred_at, INTERVAL z.offset_seconds SECOND)),
       p.currency, p.amount_minor,
       LEAST(COALESCE(rt.refunded_minor, 0), p.amount_minor),
       p.amount_minor - LEAST(COALESCE(rt.refunded_minor, 0), p.amount_minor),
       COALESCE(f.folded_keys, 0)
FROM purchases p
JOIN rollup_scope s ON s.tenant_id = p.tenant_id AND s.contact_id = p.contact_id
JOIN tenant_time_zone_offsets z
  ON z.tenant_id = p.tenant_id AND p.occurred_at >= z.valid_from AND p.occurred_at < z.valid_to
LEFT JOIN repeats rp ON rp.repeat_key = p.purchase_key
LEFT JOIN folded f ON f.counted_key = p.purchase_key
LEFT JOIN refund_totals rt ON rt.purchase_key = p.purchase_key
WHERE p.tenant_id = :tenantId AND rp.repeat_key IS NULL
