-- The keys by which an incremental rollup finds a contact's touchpoints (why: sql/mysql/V012).
ALTER TABLE touchpoints ADD KEY ix_touchpoints_contact (tenant_id, contact_id) USING HASH;
ALTER TABLE touchpoints ADD KEY ix_touchpoints_user (tenant_id, user_id) USING HASH;
ALTER TABLE touchpoints ADD KEY ix_touchpoints_anonymous (tenant_id, anonymous_id) USING HASH;
