-- Scope of a full rebuild: every contact of the tenant, and every contact a fact names (aliases
-- resolved), so no rollup row depends on a contact outside the scope.
INSERT INTO rollup_scope (tenant_id, contact_id)
SELECT :tenantId, contact_id
FROM (
  SELECT contact_id FROM contacts WHERE tenant_id = :tenantId
  UNION
  SELECT contact_id FROM purchases WHERE tenant_id = :tenantId
  UNION
  SELECT contact_id FROM refunds WHERE tenant_id = :tenantId
  UNION
  SELECT COALESCE(ci.contact_id, ta.contact_id)
  FROM tag_applications ta
  LEFT JOIN contact_identities ci ON ci.tenant_id = ta.tenant_id AND ci.alias_contact_id = ta.contact_id
  WHERE ta.tenant_id = :tenantId
  UNION
  SELECT COALESCE(t.contact_id, iu.contact_id, ia.contact_id)
  FROM touchpoints t
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE t.tenant_id = :tenantId
) touched
WHERE contact_id IS NOT NULL
