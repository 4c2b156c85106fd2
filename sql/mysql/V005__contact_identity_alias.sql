-- A fact can name a contact by a source's own id only (a Salesforce CampaignMember knows a ContactId,
-- not an e-mail). Such a row carries the id's alias, ContactIds.forExternalId(tenant, source, type, id);
-- rollups resolve an alias to the contact the identity links it to. Existing rows get their alias
-- computed the way the application computes it: 'x' + 25 hex digits of SHA-256 over the parts
-- joined by NUL.
ALTER TABLE contact_identities ADD COLUMN alias_contact_id CHAR(26) NULL AFTER contact_id;
UPDATE contact_identities
   SET alias_contact_id = CONCAT('x', LEFT(SHA2(CONCAT_WS(CHAR(0), tenant_id, source, id_type, external_id), 256), 25));
ALTER TABLE contact_identities MODIFY alias_contact_id CHAR(26) NOT NULL;
CREATE INDEX ix_identities_alias ON contact_identities (tenant_id, alias_contact_id);
