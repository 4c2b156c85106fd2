-- scope: contact
-- contact_value: per tenant, contact and purchase currency, for the contacts in rollup_scope. Money
-- comes from counted_purchases (each payment once, refunds by the refund rule). A contact without
-- purchases has one row with currency '' and zeros, so every contact appears. first_touch_channel is
-- lower-cased, as every channel in the rollups is; last_activity_at is the contact's latest touchpoint or
-- counted purchase in any currency (the same on each of its rows).
-- Two statements: the touchpoints of the contacts in scope, resolved to contacts through
-- contact_identities (the contact a touchpoint names, else its user id's, else its anonymous id's), go to
-- rollup_work_touches (04 to 07 read it too); then the rows. A rebuild resolves every touchpoint of
-- the tenant in one pass; an incremental run (:rebuild = 0) starts from its scope and reaches the
-- touchpoints by key, so it reads its contacts' touchpoints, not the tenant's. The explicit IS NOT NULL
-- on the joined ids keeps the optimizer from scanning: index statistics count every NULL id as one value,
-- so where most touchpoints lack an anonymous id each lookup looked like a scan (a 1M-tag tenant's batch
-- scanned its 505k touchpoints; with it, a range over the few non-NULL ids).
INSERT INTO rollup_work_touches (tenant_id, contact_id, event_id, source, anonymous_id, kind, name, url, channel, campaign,
                                 occurred_at)
SELECT :tenantId, rt.contact_id, rt.event_id, rt.source, rt.anonymous_id, rt.kind, rt.name, rt.url, rt.channel, rt.campaign, rt.occurred_at
FROM (
  -- a rebuild: every touchpoint of the tenant, resolved in one pass (its scope holds every contact a
  -- touchpoint resolves to)
  SELECT COALESCE(t.contact_id, iu.contact_id, ia.contact_id) AS contact_id,
         t.event_id, t.source, t.anonymous_id, t.kind, t.name, t.url, t.channel, t.campaign, t.occurred_at
  FROM touchpoints t
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE t.tenant_id = :tenantId AND :rebuild = 1
    AND COALESCE(t.contact_id, iu.contact_id, ia.contact_id) IS NOT NULL
  UNION ALL
  -- a batch, from its scope by key, in three disjoint ways a touchpoint resolves: the contact it names
  SELECT s.contact_id, t.event_id, t.source, t.anonymous_id, t.kind, t.name, t.url, t.channel, t.campaign, t.occurred_at
  FROM rollup_scope s
  JOIN touchpoints t ON t.tenant_id = s.tenant_id AND t.contact_id = s.contact_id
  WHERE s.tenant_id = :tenantId AND :rebuild = 0
  UNION ALL
  -- none named: the contact its user id links
  SELECT s.contact_id, t.event_id, t.source, t.anonymous_id, t.kind, t.name, t.url, t.channel, t.campaign, t.occurred_at
  FROM rollup_scope s
  JOIN contact_identities iu ON iu.tenant_id = s.tenant_id AND iu.contact_id = s.contact_id AND iu.id_type = 'user_id'
  -- read by user id (a MariaDB hint): t.contact_id IS NULL is otherwise a ref on NULL in the contact index, and
  -- MariaDB read every touchpoint without a contact for each identity (a 1% batch at 1M: over 6 minutes)
  JOIN touchpoints t /*M! FORCE INDEX (ix_touchpoints_user) */
    ON t.tenant_id = iu.tenant_id AND t.user_id = iu.external_id AND t.source = iu.source
  WHERE s.tenant_id = :tenantId AND :rebuild = 0 AND t.contact_id IS NULL AND t.user_id IS NOT NULL
  UNION ALL
  -- none named and the user id links none: the contact its anonymous id links
  SELECT s.contact_id, t.event_id, t.source, t.anonymous_id, t.kind, t.name, t.url, t.channel, t.campaign, t.occurred_at
  FROM rollup_scope s
  JOIN contact_identities ia ON ia.tenant_id = s.tenant_id AND ia.contact_id = s.contact_id AND ia.id_type = 'anonymous_id'
  JOIN touchpoints t ON t.tenant_id = ia.tenant_id AND t.anonymous_id = ia.external_id AND t.source = ia.source
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  WHERE s.tenant_id = :tenantId AND :rebuild = 0 AND t.contact_id IS NULL AND t.anonymous_id IS NOT NULL
    AND iu.contact_id IS NULL
) rt;

INSERT INTO contact_value (tenant_id, contact_id, currency, orders, gross_minor, refunds_minor, net_minor,
                           first_purchase_at, first_touch_at, first_touch_channel, first_touch_campaign,
                           last_activity_at, computed_at)
WITH scoped_touch AS (
  SELECT contact_id, occurred_at, channel, campaign, event_id FROM rollup_work_touches WHERE tenant_id = :tenantId
),
first_touch AS (
  SELECT contact_id, occurred_at, channel, campaign
  FROM (SELECT contact_id, occurred_at, channel, campaign,
               ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY occurred_at, event_id) AS rn
        FROM scoped_touch) ranked
  WHERE rn = 1
),
last_touch AS (
  SELECT contact_id, MAX(occurred_at) AS last_touch_at
  FROM scoped_touch
  GROUP BY contact_id
),
purchase_totals AS (
  SELECT cp.contact_id, cp.currency,
         COUNT(*) AS orders,
         SUM(cp.amount_minor) AS gross_minor,
         SUM(cp.refunded_minor) AS refunds_minor,
         MIN(cp.occurred_at) AS first_purchase_at
  FROM counted_purchases cp
  JOIN rollup_scope s ON s.tenant_id = cp.tenant_id AND s.contact_id = cp.contact_id
  WHERE cp.tenant_id = :tenantId
  GROUP BY cp.contact_id, cp.currency
),
last_purchase AS (
  -- in any currency: last_activity_at is the contact's, the same on each of its rows
  SELECT cp.contact_id, MAX(cp.occurred_at) AS last_purchase_at
  FROM counted_purchases cp
  JOIN rollup_scope s ON s.tenant_id = cp.tenant_id AND s.contact_id = cp.contact_id
  WHERE cp.tenant_id = :tenantId
  GROUP BY cp.contact_id
)
SELECT c.tenant_id, c.contact_id,
       COALESCE(pt.currency, ''),
       COALESCE(pt.orders, 0),
       COALESCE(pt.gross_minor, 0),
       COALESCE(pt.refunds_minor, 0),
       COALESCE(pt.gross_minor, 0) - COALESCE(pt.refunds_minor, 0),
       pt.first_purchase_at,
       ft.occurred_at, LOWER(ft.channel), ft.campaign,
       CASE WHEN lp.last_purchase_at IS NULL THEN lt.last_touch_at
            WHEN lt.last_touch_at IS NULL THEN lp.last_purchase_at
            WHEN lt.last_touch_at > lp.last_purchase_at THEN lt.last_touch_at
            ELSE lp.last_purchase_at END,
       CURRENT_TIMESTAMP(6)
FROM contacts c
JOIN rollup_scope s ON s.tenant_id = c.tenant_id AND s.contact_id = c.contact_id
LEFT JOIN purchase_totals pt ON pt.contact_id = c.contact_id
LEFT JOIN first_touch ft ON ft.contact_id = c.contact_id
LEFT JOIN last_touch lt ON lt.contact_id = c.contact_id
LEFT JOIN last_purchase lp ON lp.contact_id = c.contact_id
WHERE c.tenant_id = :tenantId
