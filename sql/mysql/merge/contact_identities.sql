-- Upsert source identities from one staged file ({staging} is the loader's temporary table).
-- The most recently seen link of an external id to a contact wins. Rows go in key order, then time (each
-- key still sees its rows oldest first), so the inserts walk the primary key.
INSERT INTO contact_identities (tenant_id, source, id_type, external_id, contact_id, alias_contact_id, seen_at,
                                batch_id, staged_file)
SELECT tenant_id, source, id_type, external_id, contact_id, alias_contact_id, seen_at, batch_id, staged_file
FROM {staging}
ORDER BY tenant_id, source, id_type, external_id, seen_at
ON DUPLICATE KEY UPDATE
  contact_id  = IF(VALUES(seen_at) >= contact_identities.seen_at, VALUES(contact_id), contact_identities.contact_id),
  batch_id    = IF(VALUES(seen_at) >= contact_identities.seen_at, VALUES(batch_id), contact_identities.batch_id),
  staged_file = IF(VALUES(seen_at) >= contact_identities.seen_at, VALUES(staged_file), contact_identities.staged_file),
  seen_at     = GREATEST(contact_identities.seen_at, VALUES(seen_at))
