-- Scope of an incremental run: the contacts whose rollup rows batch :batchId can change.
-- - contacts of every version of the purchases it loaded a version or a refund of (a corrected purchase
--   moves from its old contact to its new one), and of every purchase version sharing a payment reference
--   with one of them (a new Stripe purchase turns a Shopify order into a repeat of it, and back); the
--   explicit IS NOT NULL keeps the optimizer from scanning every purchase when most refs are NULL (its
--   index statistics count the NULLs as one value: 12 s -> 0.6 s for a 1M-tag tenant's batch), and the join
--   runs in the order written (a MariaDB hint, a comment to SingleStore): from the batch's purchases to the
--   purchases sharing their reference, the plan a batch of a few thousand purchases wants whatever the
--   statistics say;
-- - contacts of its tag applications and touchpoints (aliases and identities resolved);
-- - contacts it upserted, and contacts of identities it upserted (their touchpoints may now resolve),
--   and those identities' aliases (rows kept under an alias before it resolved must go);
-- - for a user id it links, the contacts that id's touchpoints resolved to by their anonymous id until
--   now (a user id wins, so they lose those touchpoints); the touchpoints are read by user id (a MariaDB
--   hint): MariaDB otherwise read every touchpoint without a contact for each identity, as t.contact_id IS
--   NULL is a ref on its contact index (at 1M tag applications with 5,000 new user ids: over 50 s against
--   0.2 s, and the 1% batch ran past the 10-minute socket timeout);
-- - contacts with a touchpoint on a campaign its ad spend names (it may become an ad_campaign).
INSERT INTO rollup_scope (tenant_id, contact_id)
WITH batch_keys AS (
  SELECT purchase_key FROM purchases WHERE tenant_id = :tenantId AND batch_id = :batchId
  UNION
  SELECT rv.purchase_key
  FROM refunds r
  JOIN refunds rv ON rv.tenant_id = r.tenant_id AND rv.refund_key = r.refund_key
  WHERE r.tenant_id = :tenantId AND r.batch_id = :batchId
),
batch_purchases AS (
  SELECT p.purchase_key, p.contact_id, p.payment_ref, p.payment_intent_ref
  FROM batch_keys k
  JOIN purchases p ON p.tenant_id = :tenantId AND p.purchase_key = k.purchase_key
)
SELECT :tenantId, contact_id
FROM (
  SELECT contact_id FROM batch_purchases
  UNION
  SELECT /*M! STRAIGHT_JOIN */ p.contact_id FROM batch_purchases b
  JOIN purchases p ON p.tenant_id = :tenantId AND p.payment_ref = b.payment_ref
  WHERE b.payment_ref IS NOT NULL
  UNION
  SELECT /*M! STRAIGHT_JOIN */ p.contact_id FROM batch_purchases b
  JOIN purchases p ON p.tenant_id = :tenantId AND p.payment_intent_ref = b.payment_intent_ref
  WHERE b.payment_intent_ref IS NOT NULL
  UNION
  SELECT contact_id FROM refunds WHERE tenant_id = :tenantId AND batch_id = :batchId
  UNION
  SELECT COALESCE(ci.contact_id, ta.contact_id)
  FROM tag_applications ta
  LEFT JOIN contact_identities ci ON ci.tenant_id = ta.tenant_id AND ci.alias_contact_id = ta.contact_id
  WHERE ta.tenant_id = :tenantId AND ta.batch_id = :batchId
  UNION
  SELECT COALESCE(t.contact_id, iu.contact_id, ia.contact_id)
  FROM touchpoints t
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE t.tenant_id = :tenantId AND t.batch_id = :batchId
  UNION
  SELECT contact_id FROM contacts WHERE tenant_id = :tenantId AND batch_id = :batchId
  UNION
  SELECT contact_id FROM contact_identities WHERE tenant_id = :tenantId AND batch_id = :batchId
  UNION
  SELECT alias_contact_id FROM contact_identities WHERE tenant_id = :tenantId AND batch_id = :batchId
  UNION
  SELECT ia.contact_id
  FROM contact_identities ni
  JOIN touchpoints t /*M! FORCE INDEX (ix_touchpoints_user) */
    ON t.tenant_id = ni.tenant_id AND t.user_id = ni.external_id AND t.source = ni.source
  JOIN contact_identities ia
    ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE ni.tenant_id = :tenantId AND ni.batch_id = :batchId AND ni.id_type = 'user_id' AND t.contact_id IS NULL
  UNION
  SELECT COALESCE(t.contact_id, iu.contact_id, ia.contact_id)
  FROM (SELECT DISTINCT platform, campaign FROM ad_spend WHERE tenant_id = :tenantId AND batch_id = :batchId) s
  JOIN touchpoints t ON t.tenant_id = :tenantId AND t.campaign = s.campaign AND LOWER(t.channel) = s.platform
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
) touched
WHERE contact_id IS NOT NULL
