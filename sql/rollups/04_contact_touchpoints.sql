-- scope: contact
-- contact_touchpoints: which touchpoints each contact in rollup_scope has, by kind:
--   tag           a tag whose applications minus removals are > 0 (aliases resolved to the contact)
--   campaign      a UTM campaign on any of its touchpoints
--   event         the name of a custom event (any touchpoint kind other than page, screen and
--                 order_attribution)
--   landing_page  the URL (without query string or fragment) of its first page view
--   ad_campaign   a campaign the tenant has ad spend for, reached through the platform's channel
--                 (ad_spend.platform = LOWER(touchpoint channel) and the same campaign name)
-- held: has it now; before_first_purchase: had it at or before its first counted purchase (for a
-- contact without purchases, same as held). Reads counted_purchases (recomputed first).
-- Three statements: the scoped contacts' first purchases (rollup_work_first_purchase) and the tenant's paid
-- campaigns (rollup_work_paid_campaigns) are computed once, then every touch and tag reads them by key.
-- Both groupings of the last statement sort, then group (/*M! SQL_BIG_RESULT */, a hint only MariaDB reads):
-- grouping into a keyed temporary table wrote ~1 KB per group (MEMORY rows are fixed-width, and a
-- VARCHAR(255) utf8mb4 key is 1,020 bytes), so a large tenant's went to disk; the sort's keys are packed.
-- Touchpoint texts are cut to the column's 255 characters before the union for the same reason.
INSERT INTO rollup_work_first_purchase (tenant_id, contact_id, first_purchase_at)
SELECT :tenantId, cp.contact_id, MIN(cp.occurred_at)
FROM counted_purchases cp
JOIN rollup_scope s ON s.tenant_id = cp.tenant_id AND s.contact_id = cp.contact_id
WHERE cp.tenant_id = :tenantId
GROUP BY cp.contact_id;

INSERT INTO rollup_work_paid_campaigns (tenant_id, platform, campaign)
SELECT DISTINCT :tenantId, platform, campaign FROM ad_spend WHERE tenant_id = :tenantId;

INSERT INTO contact_touchpoints (tenant_id, contact_id, kind, touchpoint, first_at, held, before_first_purchase)
WITH scoped_touch AS (
  SELECT rt.contact_id, rt.event_id, rt.kind, rt.name, rt.url, rt.channel, rt.campaign, rt.occurred_at,
         fp.first_purchase_at
  FROM rollup_work_touches rt
  LEFT JOIN rollup_work_first_purchase fp ON fp.tenant_id = rt.tenant_id AND fp.contact_id = rt.contact_id
  WHERE rt.tenant_id = :tenantId
),
tags AS (
  -- each application once per contact it resolves to: under its own contact when no identity names that
  -- contact as an alias, else under each contact that does. A rebuild resolves every application of the
  -- tenant in one pass; an incremental run starts from its scope and reaches the applications by key
  SELECT COALESCE(ci.contact_id, ta.contact_id) AS contact_id, ta.tag, ta.sign, ta.occurred_at
  FROM tag_applications ta
  LEFT JOIN contact_identities ci ON ci.tenant_id = ta.tenant_id AND ci.alias_contact_id = ta.contact_id
  WHERE ta.tenant_id = :tenantId AND :rebuild = 1
  UNION ALL
  SELECT ta.contact_id, ta.tag, ta.sign, ta.occurred_at
  FROM rollup_scope s
  JOIN tag_applications ta ON ta.tenant_id = s.tenant_id AND ta.contact_id = s.contact_id
  LEFT JOIN contact_identities ci ON ci.tenant_id = ta.tenant_id AND ci.alias_contact_id = ta.contact_id
  WHERE s.tenant_id = :tenantId AND :rebuild = 0 AND ci.alias_contact_id IS NULL
  UNION ALL
  SELECT ci.contact_id, ta.tag, ta.sign, ta.occurred_at
  FROM rollup_scope s
  JOIN contact_identities ci ON ci.tenant_id = s.tenant_id AND ci.contact_id = s.contact_id
  JOIN tag_applications ta ON ta.tenant_id = ci.tenant_id AND ta.contact_id = ci.alias_contact_id
  WHERE s.tenant_id = :tenantId AND :rebuild = 0
),
tag_state AS (
  SELECT /*M! SQL_BIG_RESULT */ tg.contact_id, tg.tag,
         MIN(CASE WHEN tg.sign > 0 THEN tg.occurred_at END) AS first_at,
         SUM(tg.sign) AS net_sign,
         SUM(CASE WHEN fp.first_purchase_at IS NULL OR tg.occurred_at <= fp.first_purchase_at THEN tg.sign ELSE 0 END)
           AS net_sign_before
  FROM tags tg
  LEFT JOIN rollup_work_first_purchase fp ON fp.tenant_id = :tenantId AND fp.contact_id = tg.contact_id
  GROUP BY tg.contact_id, tg.tag
),
landing AS (
  SELECT contact_id, url, occurred_at, first_purchase_at
  FROM (SELECT contact_id, SUBSTRING_INDEX(SUBSTRING_INDEX(url, '?', 1), '#', 1) AS url, occurred_at, first_purchase_at,
               ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY occurred_at, event_id) AS rn
        FROM scoped_touch
        WHERE kind = 'page' AND url IS NOT NULL AND url <> '') pages
  WHERE rn = 1
),
touches AS (
  SELECT contact_id, 'campaign' AS kind, LEFT(campaign, 255) AS touchpoint, occurred_at, first_purchase_at
  FROM scoped_touch WHERE campaign IS NOT NULL AND campaign <> ''
  UNION ALL
  SELECT contact_id, 'event', LEFT(name, 255), occurred_at, first_purchase_at
  FROM scoped_touch
  WHERE kind NOT IN ('page', 'screen', 'order_attribution') AND name IS NOT NULL AND name <> ''
  UNION ALL
  SELECT contact_id, 'landing_page', LEFT(url, 255), occurred_at, first_purchase_at FROM landing
  UNION ALL
  SELECT rt.contact_id, 'ad_campaign', rt.campaign, rt.occurred_at, fp.first_purchase_at
  FROM rollup_work_paid_campaigns pc
  JOIN rollup_work_touches rt ON rt.tenant_id = pc.tenant_id AND rt.campaign = pc.campaign
   AND LOWER(rt.channel) = pc.platform
  LEFT JOIN rollup_work_first_purchase fp ON fp.tenant_id = rt.tenant_id AND fp.contact_id = rt.contact_id
  WHERE pc.tenant_id = :tenantId
)
SELECT /*M! SQL_BIG_RESULT */ :tenantId, contact_id, kind, touchpoint, MIN(occurred_at), 1,
       CASE WHEN MAX(first_purchase_at) IS NULL OR MIN(occurred_at) <= MAX(first_purchase_at) THEN 1 ELSE 0 END
FROM touches
GROUP BY contact_id, kind, touchpoint
UNION ALL
SELECT :tenantId, contact_id, 'tag', tag, first_at,
       CASE WHEN net_sign > 0 THEN 1 ELSE 0 END,
       CASE WHEN net_sign_before > 0 THEN 1 ELSE 0 END
FROM tag_state
WHERE (net_sign > 0 OR net_sign_before > 0) AND first_at IS NOT NULL
