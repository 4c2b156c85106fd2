-- scope: contact
-- counted_purchases: one row per real payment of the tenant, for the contacts in rollup_scope.
-- A purchase from another source whose payment_ref or payment_intent_ref equals a Stripe purchase's
-- (both non-null) is the same payment: it is folded into the Stripe purchase (folded_keys counts
-- them) and its refunds count against the Stripe purchase.
-- Refunds per purchase: GREATEST(sum of individual refunds, largest cumulative total), since both
-- describe the same money, never more than the purchase amount.
-- Three statements: the repeats (rollup_work_repeats), each counted purchase's refunds and folded
-- keys (rollup_work_purchase_adjustments), then the rows; each later one reads the work tables by key.
INSERT INTO rollup_work_repeats (tenant_id, repeat_key, counted_key)
SELECT :tenantId, repeat_key, MIN(counted_key)
FROM (
  SELECT p.purchase_key AS repeat_key, s.purchase_key AS counted_key
  FROM purchases p
  JOIN purchases s ON s.tenant_id = p.tenant_id AND s.payment_ref = p.payment_ref AND s.source = 'stripe'
  WHERE p.tenant_id = :tenantId AND p.source <> 'stripe' AND p.payment_ref IS NOT NULL
  UNION ALL
  SELECT p.purchase_key, s.purchase_key
  FROM purchases p
  JOIN purchases s ON s.tenant_id = p.tenant_id AND s.payment_intent_ref = p.payment_intent_ref AND s.source = 'stripe'
  WHERE p.tenant_id = :tenantId AND p.source <> 'stripe' AND p.payment_intent_ref IS NOT NULL
) matched
GROUP BY repeat_key;

INSERT INTO rollup_work_purchase_adjustments (tenant_id, purchase_key, refunded_minor, folded_keys)
SELECT :tenantId, purchase_key,
       GREATEST(SUM(individual_minor), MAX(cumulative_minor), 0),
       SUM(folded)
FROM (
  SELECT COALESCE(rp.counted_key, r.purchase_key) AS purchase_key,
         CASE WHEN r.is_cumulative = 0 THEN -r.amount_minor ELSE 0 END AS individual_minor,
         CASE WHEN r.is_cumulative = 1 THEN -r.amount_minor ELSE 0 END AS cumulative_minor,
         0 AS folded
  FROM refunds r
  LEFT JOIN rollup_work_repeats rp ON rp.tenant_id = r.tenant_id AND rp.repeat_key = r.purchase_key
  WHERE r.tenant_id = :tenantId
  UNION ALL
  SELECT counted_key, 0, 0, 1 FROM rollup_work_repeats WHERE tenant_id = :tenantId
) adjustments
GROUP BY purchase_key;

INSERT INTO counted_purchases (tenant_id, purchase_key, contact_id, source, occurred_at, local_date, currency,
                               amount_minor, refunded_minor, net_minor, folded_keys)
SELECT p.tenant_id, p.purchase_key, p.contact_id, p.source, p.occurred_at,
       DATE(DATE_ADD(p.occurred_at, INTERVAL z.offset_seconds SECOND)),
       p.currency, p.amount_minor,
       LEAST(COALESCE(a.refunded_minor, 0), p.amount_minor),
       p.amount_minor - LEAST(COALESCE(a.refunded_minor, 0), p.amount_minor),
       COALESCE(a.folded_keys, 0)
FROM purchases p
JOIN rollup_scope s ON s.tenant_id = p.tenant_id AND s.contact_id = p.contact_id
JOIN tenant_time_zone_offsets z
  ON z.tenant_id = p.tenant_id AND p.occurred_at >= z.valid_from AND p.occurred_at < z.valid_to
LEFT JOIN rollup_work_repeats rp ON rp.tenant_id = p.tenant_id AND rp.repeat_key = p.purchase_key
LEFT JOIN rollup_work_purchase_adjustments a ON a.tenant_id = p.tenant_id AND a.purchase_key = p.purchase_key
WHERE p.tenant_id = :tenantId AND rp.repeat_key IS NULL
