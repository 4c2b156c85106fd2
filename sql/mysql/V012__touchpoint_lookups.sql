-- An incremental rollup finds the touchpoints of the contacts its batch touched by these keys (the
-- contact a touchpoint names, or the user or anonymous id an identity of the contact links), instead of
-- resolving every touchpoint of the tenant each night (sql/rollups/03_contact_value.sql). They cost the
-- touchpoint load a little (docs/performance.md); the nightly rollup then grows with its batch.
CREATE INDEX ix_touchpoints_contact ON touchpoints (tenant_id, contact_id);
CREATE INDEX ix_touchpoints_user ON touchpoints (tenant_id, user_id, source);
CREATE INDEX ix_touchpoints_anonymous ON touchpoints (tenant_id, anonymous_id, source);
