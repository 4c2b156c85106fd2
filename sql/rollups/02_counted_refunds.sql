-- scope: contact
-- counted_refunds: when each counted purchase's refunded total grew, and by how much, for the
-- contacts in rollup_scope (reads counted_purchases, just recomputed for them, and rollup_work_repeats).
-- Walking a purchase's refund rows in time order (refund_key breaks ties), the refunded total so far
-- is LEAST(amount, GREATEST(individual refunds so far, largest cumulative total so far)); a row's
-- amount is what it added. The amounts of a purchase add up to its refunded_minor, and each lands
-- on the refund's own local day. Only each refund's latest version counts (01_counted_purchases.sql). Rows that add nothing (a cumulative total restating individual
-- refunds) are left out. A refund reaches its counted purchase by one of two joins, each a key lookup
-- from either side: one join on COALESCE(repeat's counted key, purchase key) has no index from the
-- purchase side, and with the scope's statistics stale (filled in this transaction) MariaDB scanned every
-- refund of the tenant once per scoped purchase, which at 20M tag applications took longer than the rest
-- of the nightly batch.
INSERT INTO counted_refunds (tenant_id, refund_key, purchase_key, contact_id, source, occurred_at, local_date,
                             currency, amount_minor)
WITH refund_rows AS (
  -- refunds of a counted purchase itself (their purchase key is no repeat)
  SELECT cp.purchase_key, cp.contact_id, cp.source, cp.currency, cp.amount_minor AS purchase_minor,
         r.refund_key, r.occurred_at, r.is_cumulative, -r.amount_minor AS refund_minor
  FROM counted_purchases cp
  JOIN rollup_scope s ON s.tenant_id = cp.tenant_id AND s.contact_id = cp.contact_id
  JOIN refunds r ON r.tenant_id = cp.tenant_id AND r.purchase_key = cp.purchase_key
  LEFT JOIN refunds rn
         ON rn.tenant_id = r.tenant_id AND rn.refund_key = r.refund_key
        AND (rn.loaded_at > r.loaded_at OR (rn.loaded_at = r.loaded_at AND rn.version_key > r.version_key))
  LEFT JOIN rollup_work_repeats rp ON rp.tenant_id = r.tenant_id AND rp.repeat_key = r.purchase_key
  WHERE cp.tenant_id = :tenantId AND rn.refund_key IS NULL AND rp.repeat_key IS NULL
  UNION ALL
  -- refunds of a repeat, on the counted purchase it was folded into
  SELECT cp.purchase_key, cp.contact_id, cp.source, cp.currency, cp.amount_minor AS purchase_minor,
         r.refund_key, r.occurred_at, r.is_cumulative, -r.amount_minor AS refund_minor
  FROM counted_purchases cp
  JOIN rollup_scope s ON s.tenant_id = cp.tenant_id AND s.contact_id = cp.contact_id
  JOIN rollup_work_repeats rp ON rp.tenant_id = cp.tenant_id AND rp.counted_key = cp.purchase_key
  JOIN refunds r ON r.tenant_id = rp.tenant_id AND r.purchase_key = rp.repeat_key
  LEFT JOIN refunds rn
         ON rn.tenant_id = r.tenant_id AND rn.refund_key = r.refund_key
        AND (rn.loaded_at > r.loaded_at OR (rn.loaded_at = r.loaded_at AND rn.version_key > r.version_key))
  WHERE cp.tenant_id = :tenantId AND rn.refund_key IS NULL
),
running AS (
  SELECT purchase_key, contact_id, source, currency, refund_key, occurred_at,
         LEAST(purchase_minor, GREATEST(0,
           SUM(CASE WHEN is_cumulative = 0 THEN refund_minor ELSE 0 END)
             OVER (PARTITION BY purchase_key ORDER BY occurred_at, refund_key ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
           MAX(CASE WHEN is_cumulative = 1 THEN refund_minor ELSE 0 END)
             OVER (PARTITION BY purchase_key ORDER BY occurred_at, refund_key ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
         )) AS refunded_so_far
  FROM refund_rows
),
added AS (
  SELECT purchase_key, contact_id, source, currency, refund_key, occurred_at,
         refunded_so_far - COALESCE(LAG(refunded_so_far) OVER (PARTITION BY purchase_key ORDER BY occurred_at, refund_key), 0)
           AS amount_minor
  FROM running
)
SELECT :tenantId, a.refund_key, a.purchase_key, a.contact_id, a.source, a.occurred_at,
       DATE(DATE_ADD(a.occurred_at, INTERVAL z.offset_seconds SECOND)), a.currency, a.amount_minor
FROM added a
JOIN tenant_time_zone_offsets z
  ON z.tenant_id = :tenantId AND a.occurred_at >= z.valid_from AND a.occurred_at < z.valid_to
WHERE a.amount_minor > 0
