-- Purchases and refunds are versions (why and how: sql/mysql/V013__fact_versions.sql): the unique key is
-- the fact's key and version_key, the digest of its content, so the pipeline skips an unchanged restatement
-- and loads a corrected one beside the first. SingleStore cannot change a columnstore table's unique key in
-- place, so each table is built again with the new columns, its rows copied with their key (the same digest
-- the application computes), and renamed over the old one; the shard key stays (tenant_id, fact key), so a
-- fact's versions share a partition. Stop and drop the purchases and refunds pipelines before this script
-- (DROP PIPELINE <prefix>purchases, <prefix>refunds): a table a pipeline loads cannot be dropped, and the
-- loader creates them again, with the new column, at the next load.
CREATE TABLE purchases_versions (
  tenant_id                VARCHAR(64)  NOT NULL,
  purchase_key             VARCHAR(255) NOT NULL,
  contact_id               CHAR(26)     NOT NULL,
  occurred_at              DATETIME(6)  NOT NULL,
  amount_minor             BIGINT       NOT NULL,
  currency                 CHAR(3)      NOT NULL,
  settlement_amount_minor  BIGINT       NULL,
  settlement_currency      CHAR(3)      NULL,
  payment_ref              VARCHAR(255) NULL,
  payment_intent_ref       VARCHAR(255) NULL,
  version_key              CHAR(32)     NOT NULL,
  status                   VARCHAR(32)  NOT NULL,
  source                   VARCHAR(32)  NOT NULL,
  source_ref               VARCHAR(600) NULL,
  batch_id                 VARCHAR(64)  NOT NULL,
  staged_file              VARCHAR(512) NOT NULL,
  loaded_at                TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  SORT KEY (tenant_id, occurred_at),
  SHARD KEY (tenant_id, purchase_key),
  UNIQUE KEY uq_purchases (tenant_id, purchase_key, version_key) USING HASH,
  KEY ix_purchases_key (tenant_id, purchase_key) USING HASH,
  KEY ix_purchases_contact (tenant_id, contact_id) USING HASH,
  KEY ix_purchases_batch (tenant_id, batch_id) USING HASH,
  KEY ix_purchases_payment_ref (tenant_id, payment_ref) USING HASH,
  KEY ix_purchases_payment_intent_ref (tenant_id, payment_intent_ref) USING HASH,
  KEY ix_purchases_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

INSERT INTO purchases_versions (tenant_id, purchase_key, contact_id, occurred_at, amount_minor, currency,
                                settlement_amount_minor, settlement_currency, payment_ref, payment_intent_ref,
                                version_key, status, source, source_ref, batch_id, staged_file)
SELECT tenant_id, purchase_key, contact_id, occurred_at, amount_minor, currency, settlement_amount_minor,
       settlement_currency, payment_ref, payment_intent_ref,
       LEFT(SHA2(CONCAT_WS(CHAR(0), contact_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f'), amount_minor,
                           currency, status), 256), 32),
       status, source, source_ref, batch_id, staged_file
FROM purchases;

DROP TABLE purchases;

ALTER TABLE purchases_versions RENAME TO purchases;

CREATE TABLE refunds_versions (
  tenant_id      VARCHAR(64)  NOT NULL,
  refund_key     VARCHAR(255) NOT NULL,
  purchase_key   VARCHAR(255) NOT NULL,
  contact_id     CHAR(26)     NOT NULL,
  occurred_at    DATETIME(6)  NOT NULL,
  amount_minor   BIGINT       NOT NULL,
  currency       CHAR(3)      NOT NULL,
  is_cumulative  TINYINT      NOT NULL DEFAULT 0,
  version_key    CHAR(32)     NOT NULL,
  source         VARCHAR(32)  NOT NULL,
  source_ref     VARCHAR(600) NULL,
  batch_id       VARCHAR(64)  NOT NULL,
  staged_file    VARCHAR(512) NOT NULL,
  loaded_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  SORT KEY (tenant_id, occurred_at),
  SHARD KEY (tenant_id, refund_key),
  UNIQUE KEY uq_refunds (tenant_id, refund_key, version_key) USING HASH,
  KEY ix_refunds_key (tenant_id, refund_key) USING HASH,
  KEY ix_refunds_purchase (tenant_id, purchase_key) USING HASH,
  KEY ix_refunds_batch (tenant_id, batch_id) USING HASH,
  KEY ix_refunds_file (staged_file) USING HASH
) AUTOSTATS_ENABLED = TRUE;

INSERT INTO refunds_versions (tenant_id, refund_key, purchase_key, contact_id, occurred_at, amount_minor, currency,
                              is_cumulative, version_key, source, source_ref, batch_id, staged_file)
SELECT tenant_id, refund_key, purchase_key, contact_id, occurred_at, amount_minor, currency, is_cumulative,
       LEFT(SHA2(CONCAT_WS(CHAR(0), purchase_key, contact_id, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f'),
                           amount_minor, currency, is_cumulative), 256), 32),
       source, source_ref, batch_id, staged_file
FROM refunds;

DROP TABLE refunds;

ALTER TABLE refunds_versions RENAME TO refunds;

-- During a rollup run: the purchases whose latest version is voided (sql/mysql/V013).
CREATE TABLE rollup_work_voided (
  tenant_id     VARCHAR(64)  NOT NULL,
  purchase_key  VARCHAR(255) NOT NULL,
  SORT KEY (tenant_id, purchase_key),
  SHARD KEY (tenant_id, purchase_key)
);

-- What each new version changed, recorded with the batch and file that loaded it: one row per field
-- whose value differs from the version before (from_value, to_value as text; times as UTC
-- yyyy-MM-dd HH:mm:ss.ffffff). A fact's first version is no change. The same view is in sql/mysql/V013.
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
