-- The contacts of one range of a run on several connections (touchpoint.rollups.threads): the scope's
-- contacts whose CRC-32 is :range modulo :ranges, into the range connection's temporary scope. The hash
-- filters the scope only (one pass over the tenant's scope rows by its key); every fact a range reads is
-- then reached from these contacts by key, as in a nightly batch.
INSERT INTO range_rollup_scope (tenant_id, contact_id)
SELECT tenant_id, contact_id FROM rollup_scope WHERE tenant_id = :tenantId AND MOD(CRC32(contact_id), :ranges) = :range
