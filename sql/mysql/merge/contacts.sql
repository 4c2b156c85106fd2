-- Upsert contacts from one staged file ({staging} is the loader's temporary table).
-- The latest source update wins, field by field: a newer row's non-null value replaces the stored
-- one, an older row only fills fields still empty. updated_at is assigned last because MySQL and
-- MariaDB evaluate these assignments left to right. Rows go in key order, then time: each key still sees
-- its rows oldest first, and the inserts walk the primary key instead of jumping around it.
INSERT INTO contacts (tenant_id, contact_id, email, first_name, last_name, lifecycle_stage, created_at,
                      updated_at, source, batch_id, staged_file)
SELECT tenant_id, contact_id, email, first_name, last_name, lifecycle_stage, created_at,
       updated_at, source, batch_id, staged_file
FROM {staging}
ORDER BY tenant_id, contact_id, updated_at
ON DUPLICATE KEY UPDATE
  email           = IF(VALUES(updated_at) >= contacts.updated_at, COALESCE(VALUES(email), contacts.email), COALESCE(contacts.email, VALUES(email))),
  first_name      = IF(VALUES(updated_at) >= contacts.updated_at, COALESCE(VALUES(first_name), contacts.first_name), COALESCE(contacts.first_name, VALUES(first_name))),
  last_name       = IF(VALUES(updated_at) >= contacts.updated_at, COALESCE(VALUES(last_name), contacts.last_name), COALESCE(contacts.last_name, VALUES(last_name))),
  lifecycle_stage = IF(VALUES(updated_at) >= contacts.updated_at, COALESCE(VALUES(lifecycle_stage), contacts.lifecycle_stage), COALESCE(contacts.lifecycle_stage, VALUES(lifecycle_stage))),
  created_at      = LEAST(COALESCE(contacts.created_at, VALUES(created_at)), COALESCE(VALUES(created_at), contacts.created_at)),
  source          = IF(VALUES(updated_at) >= contacts.updated_at, VALUES(source), contacts.source),
  batch_id        = IF(VALUES(updated_at) >= contacts.updated_at, VALUES(batch_id), contacts.batch_id),
  staged_file     = IF(VALUES(updated_at) >= contacts.updated_at, VALUES(staged_file), contacts.staged_file),
  updated_at      = GREATEST(contacts.updated_at, VALUES(updated_at))
