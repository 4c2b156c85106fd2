-- scope: tenant
-- conversion_paths: per tenant, path and currency, the top conversion paths. A customer (a contact with a
-- counted purchase) has one path: the steps of its sessions (sessions) that started at or before its first
-- counted purchase, in start order (ties by session id), each session's step its 'channel:campaign' (its first
-- event's; '(none)' for a missing part, each part cut to 40 characters) or '(direct)' when it has neither, with
-- consecutive repeats collapsed into one step ('google:brand > google:brand > (direct)' is
-- 'google:brand > (direct)'). A path of more than six steps shows its first three, '…' and its last three. A
-- customer without a session by then has the path '(no touch)'.
-- customers: the customers with the path who bought in the currency (one who bought in two currencies counts
-- in both rows); revenue_minor: their net value in that currency (contact_value: counted purchases minus
-- refunds, all time, the revenue attribution credits). Contacts that contact_value does not know (no contacts
-- row) are left out, as in attribution.
-- Recomputed from sessions, counted_purchases and contact_value (no fact scans) on every run.
INSERT INTO conversion_paths (tenant_id, path, currency, customers, revenue_minor)
WITH first_purchase AS (
  SELECT contact_id, MIN(occurred_at) AS first_purchase_at
  FROM counted_purchases
  WHERE tenant_id = :tenantId
  GROUP BY contact_id
),
touches AS (
  SELECT s.contact_id, s.started_at, s.session_id,
         CASE WHEN COALESCE(s.channel, '') = '' AND COALESCE(s.campaign, '') = '' THEN '(direct)'
              ELSE CONCAT(LEFT(COALESCE(NULLIF(s.channel, ''), '(none)'), 40), ':',
                          LEFT(COALESCE(NULLIF(s.campaign, ''), '(none)'), 40)) END AS step
  FROM first_purchase fp
  JOIN sessions s ON s.tenant_id = :tenantId AND s.contact_id = fp.contact_id AND s.started_at <= fp.first_purchase_at
),
changes AS (
  SELECT contact_id, started_at, session_id, step,
         CASE WHEN LAG(step) OVER (PARTITION BY contact_id ORDER BY started_at, session_id) = step THEN 0 ELSE 1 END
           AS starts_step
  FROM touches
),
steps AS (
  SELECT contact_id, step,
         ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY started_at, session_id) AS n,
         COUNT(*) OVER (PARTITION BY contact_id) AS k
  FROM changes
  WHERE starts_step = 1
),
paths AS (
  SELECT contact_id,
         CONCAT_WS(' > ', MAX(CASE WHEN n = 1 THEN step END),
                          MAX(CASE WHEN n = 2 THEN step END),
                          MAX(CASE WHEN n = 3 THEN step END),
                          CASE WHEN MAX(k) > 6 THEN '…' ELSE MAX(CASE WHEN n = 4 THEN step END) END,
                          MAX(CASE WHEN (k <= 6 AND n = 5) OR (k > 6 AND n = k - 2) THEN step END),
                          MAX(CASE WHEN (k <= 6 AND n = 6) OR (k > 6 AND n = k - 1) THEN step END),
                          MAX(CASE WHEN k > 6 AND n = k THEN step END)) AS path
  FROM steps
  GROUP BY contact_id
)
SELECT :tenantId, COALESCE(p.path, '(no touch)'), cv.currency, COUNT(*), SUM(cv.net_minor)
FROM first_purchase fp
JOIN contact_value cv ON cv.tenant_id = :tenantId AND cv.contact_id = fp.contact_id AND cv.currency <> ''
LEFT JOIN paths p ON p.contact_id = fp.contact_id
GROUP BY COALESCE(p.path, '(no touch)'), cv.currency
