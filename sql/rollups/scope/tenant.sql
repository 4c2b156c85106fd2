-- Scope of a full rebuild: every contact of the tenant, and every contact a fact names (aliases
-- resolved) that is not one of them, so no rollup row depends on a contact outside the scope.
-- The facts' contacts are checked against contacts before any de-duplication: nearly all of them are
-- contacts, so only the few others are grouped (a UNION of every fact's contact would sort them all).
INSERT INTO rollup_scope (tenant_id, contact_id)
SELECT :tenantId, contact_id FROM contacts WHERE tenant_id = :tenantId
UNION ALL
SELECT :tenantId, f.contact_id
FROM (
  SELECT contact_id FROM purchases WHERE tenant_id = :tenantId
  UNION ALL
  SELECT contact_id FROM refunds WHERE tenant_id = :tenantId
  UNION ALL
  SELECT COALESCE(ci.contact_id, ta.contact_id)
  FROM tag_applications ta
  LEFT JOIN contact_identities ci ON ci.tenant_id = ta.tenant_id AND ci.alias_contact_id = ta.contact_id
  WHERE ta.tenant_id = :tenantId
  UNION ALL
  SELECT COALESCE(t.contact_id, iu.contact_id, ia.contact_id)
  FROM touchpoints t
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE t.tenant_id = :tenantId
) f
LEFT JOIN contacts c ON c.tenant_id = :tenantId AND c.contact_id = f.contact_id
WHERE f.contact_id IS NOT NULL AND c.contact_id IS NULL
GROUP BY f.contact_id
