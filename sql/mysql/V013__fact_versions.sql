-- Purchases and refunds are versions. A source restates them every night (overlapping exports, API
-- lookbacks) and sometimes corrects them (another customer e-mail, total, time, currency or status): a
-- row is keyed by the fact's key and the digest of its content (version_key, 32 hex digits of SHA-256 over
-- the content fields joined by NUL, io.touchpoint.jobs.model.FactVersions), so an unchanged restatement
-- is skipped at load (INSERT IGNORE) and a corrected one is a new row beside the first. Rows are never
-- updated. loaded_at is when the version was loaded; the latest version (loaded_at, then version_key) is
-- the one rollups count (docs/rollups.md). Rows loaded before this script get the key the application
-- computes for their content, so a restatement of them is recognized.
ALTER TABLE purchases ADD COLUMN version_key CHAR(32) NULL AFTER payment_intent_ref,
  ADD COLUMN loaded_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) AFTER staged_file;
UPDATE purchases
   SET version_key = LEFT(SHA2(CONCAT_WS(CHAR(0), contact_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f'),
                                         amount_minor, currency, status), 256), 32);
ALTER TABLE purchases MODIFY version_key CHAR(32) NOT NULL, DROP PRIMARY KEY,
  ADD PRIMARY KEY (tenant_id, purchase_key, version_key);

ALTER TABLE refunds ADD COLUMN version_key CHAR(32) NULL AFTER is_cumulative,
  ADD COLUMN loaded_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) AFTER staged_file;
UPDATE refunds
   SET version_key = LEFT(SHA2(CONCAT_WS(CHAR(0), purchase_key, contact_id,
                                         DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f'), amount_minor, currency,
                                         is_cumulative), 256), 32);
ALTER TABLE refunds MODIFY version_key CHAR(32) NOT NULL, DROP PRIMARY KEY,
  ADD PRIMARY KEY (tenant_id, refund_key, version_key);

-- During a rollup run: the purchases whose latest version is voided (sql/rollups/01_counted_purchases.sql),
-- which no other purchase is a repeat of.
CREATE TABLE rollup_work_voided (
  tenant_id     VARCHAR(64)  NOT NULL,
  purchase_key  VARCHAR(255) NOT NULL,
  PRIMARY KEY (tenant_id, purchase_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What each new version changed, recorded with the batch and file that loaded it: one row per field
-- whose value differs from the version before (from_value, to_value as text; times as UTC
-- yyyy-MM-dd HH:mm:ss.ffffff). A fact's first version is no change. The same view is in sql/singlestore.
CREATE VIEW fact_changes AS
SELECT tenant_id, fact, fact_key, batch_id, staged_file, loaded_at, field, from_value, to_value
FROM (
  SELECT v.tenant_id, v.fact, v.fact_key, v.batch_id, v.staged_file, v.loaded_at, f.field,
         CASE f.field WHEN 'contact_id' THEN v.prev_contact_id WHEN 'occurred_at' THEN v.prev_occurred_at
              WHEN 'amount_minor' THEN v.prev_amount_minor WHEN 'currency' THEN v.prev_currency
              WHEN 'status' THEN v.prev_status WHEN 'purchase_key' THEN v.prev_purchase_key WHEN 'is_cumulative' THEN v.prev_is_cumulative END AS from_value,
         CASE f.field WHEN 'contact_id' THEN v.contact_id WHEN 'occurred_at' THEN v.occurred_at
              WHEN 'amount_minor' THEN v.amount_minor WHEN 'currency' THEN v.currency
              WHEN 'status' THEN v.status WHEN 'purchase_key' THEN v.purchase_key WHEN 'is_cumulative' THEN v.is_cumulative END AS to_value
  FROM (
    SELECT 'purchase' AS fact, tenant_id, purchase_key AS fact_key, batch_id, staged_file, loaded_at,
           contact_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') AS occurred_at,
           CAST(amount_minor AS CHAR) AS amount_minor, currency, status, NULL AS purchase_key, NULL AS is_cumulative,
           LAG(version_key) OVER (PARTITION BY tenant_id, purchase_key ORDER BY loaded_at, version_key) AS prev_version,
           LAG(contact_id) OVER (PARTITION BY tenant_id, purchase_key ORDER BY loaded_at, version_key) AS prev_contact_id,
           LAG(DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f')) OVER (PARTITION BY tenant_id, purchase_key ORDER BY loaded_at, version_key) AS prev_occurred_at,
           LAG(CAST(amount_minor AS CHAR)) OVER (PARTITION BY tenant_id, purchase_key ORDER BY loaded_at, version_key) AS prev_amount_minor,
           LAG(currency) OVER (PARTITION BY tenant_id, purchase_key ORDER BY loaded_at, version_key) AS prev_currency,
           LAG(status) OVER (PARTITION BY tenant_id, purchase_key ORDER BY loaded_at, version_key) AS prev_status,
           NULL AS prev_purchase_key, NULL AS prev_is_cumulative
    FROM purchases
    UNION ALL
    SELECT 'refund', tenant_id, refund_key, batch_id, staged_file, loaded_at,
           contact_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f'),
           CAST(amount_minor AS CHAR), currency, NULL, purchase_key, CAST(is_cumulative AS CHAR),
           LAG(version_key) OVER (PARTITION BY tenant_id, refund_key ORDER BY loaded_at, version_key),
           LAG(contact_id) OVER (PARTITION BY tenant_id, refund_key ORDER BY loaded_at, version_key),
           LAG(DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f')) OVER (PARTITION BY tenant_id, refund_key ORDER BY loaded_at, version_key),
           LAG(CAST(amount_minor AS CHAR)) OVER (PARTITION BY tenant_id, refund_key ORDER BY loaded_at, version_key),
           LAG(currency) OVER (PARTITION BY tenant_id, refund_key ORDER BY loaded_at, version_key),
           NULL,
           LAG(purchase_key) OVER (PARTITION BY tenant_id, refund_key ORDER BY loaded_at, version_key),
           LAG(CAST(is_cumulative AS CHAR)) OVER (PARTITION BY tenant_id, refund_key ORDER BY loaded_at, version_key)
    FROM refunds
  ) v
  CROSS JOIN (
    SELECT 'contact_id' AS field UNION ALL SELECT 'occurred_at' UNION ALL SELECT 'amount_minor'
    UNION ALL SELECT 'currency' UNION ALL SELECT 'status' UNION ALL SELECT 'purchase_key'
    UNION ALL SELECT 'is_cumulative'
  ) f
  WHERE v.prev_version IS NOT NULL
) changes
WHERE COALESCE(from_value, '') <> COALESCE(to_value, '')
   OR (from_value IS NULL) <> (to_value IS NULL);
