-- scope: contact
-- counted_purchases: one row per real payment of the tenant, for the contacts in rollup_scope.
-- A purchase from another source whose payment_ref or payment_intent_ref equals a Stripe purchase's
-- (both non-null) is the same payment: it is folded into the Stripe purchase (folded_keys counts
-- them) and its refunds count against the Stripe purchase.
-- Refunds per purchase: GREATEST(sum of individual refunds, largest cumulative total), since both
-- describe the same money, never more than the purchase amount.
-- Purchases and refunds are versions (sql/mysql/V013): only the latest version of each (the greatest
-- loaded_at, then version_key) counts, found by a left join to a newer version of the same key that must
-- not exist; a purchase whose latest version is voided counts nowhere, nor do its refunds, and it is no
-- payment another is a repeat of. A payment reference any version of a purchase knows identifies it.
-- Four statements: the voided purchases (rollup_work_voided), the repeats (rollup_work_repeats), each
-- counted purchase's refunds and folded keys (rollup_work_purchase_adjustments), then the rows; each later
-- one reads the work tables by key.
INSERT INTO rollup_work_voided (tenant_id, purchase_key)
SELECT :tenantId, v.purchase_key
FROM purchases v
LEFT JOIN purchases vn
       ON vn.tenant_id = v.tenant_id AND vn.purchase_key = v.purchase_key
      AND (vn.loaded_at > v.loaded_at OR (vn.loaded_at = v.loaded_at AND vn.version_key > v.version_key))
WHERE v.tenant_id = :tenantId AND v.status = 'voided' AND vn.purchase_key IS NULL;

INSERT INTO rollup_work_repeats (tenant_id, repeat_key, counted_key)
SELECT :tenantId, m.repeat_key, MIN(m.counted_key)
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
) m
LEFT JOIN rollup_work_voided vr ON vr.tenant_id = :tenantId AND vr.purchase_key = m.repeat_key
LEFT JOIN rollup_work_voided vc ON vc.tenant_id = :tenantId AND vc.purchase_key = m.counted_key
WHERE vr.purchase_key IS NULL AND vc.purchase_key IS NULL
GROUP BY m.repeat_key;

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
  LEFT JOIN refunds rn
         ON rn.tenant_id = r.tenant_id AND rn.refund_key = r.refund_key
        AND (rn.loaded_at > r.loaded_at OR (rn.loaded_at = r.loaded_at AND rn.version_key > r.version_key))
  LEFT JOIN rollup_work_repeats rp ON rp.tenant_id = r.tenant_id AND rp.repeat_key = r.purchase_key
  WHERE r.tenant_id = :tenantId AND rn.refund_key IS NULL
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
LEFT JOIN purchases pn
       ON pn.tenant_id = p.tenant_id AND pn.purchase_key = p.purchase_key
      AND (pn.loaded_at > p.loaded_at OR (pn.loaded_at = p.loaded_at AND pn.version_key > p.version_key))
LEFT JOIN rollup_work_repeats rp ON rp.tenant_id = p.tenant_id AND rp.repeat_key = p.purchase_key
LEFT JOIN rollup_work_purchase_adjustments a ON a.tenant_id = p.tenant_id AND a.purchase_key = p.purchase_key
WHERE p.tenant_id = :tenantId AND pn.purchase_key IS NULL AND p.status <> 'voided' AND rp.repeat_key IS NULL
