-- Ad platforms restate recent days as attribution matures, so the same day and ad arrive again in a
-- later export or API pull. spend_key names one (platform, day, campaign, ad set, ad) of a tenant; a
-- later row with the same key replaces the numbers instead of adding to them (merge/ad_spend.sql).
-- Existing rows get the key the application computes; of several rows with one key, the one loaded
-- last (the greatest batch, then staged file) is kept, since it is the latest statement of that day.
ALTER TABLE ad_spend ADD COLUMN spend_key VARCHAR(255) NULL AFTER platform;
UPDATE ad_spend
   SET spend_key = CONCAT(platform, ':', spend_date, ':', LEFT(SHA2(CONCAT_WS(CHAR(0), campaign, COALESCE(ad_set, ''), COALESCE(ad, '')), 256), 32));
DELETE older FROM ad_spend older
  JOIN ad_spend newer
    ON newer.tenant_id = older.tenant_id AND newer.spend_key = older.spend_key
   AND (newer.batch_id > older.batch_id OR (newer.batch_id = older.batch_id AND newer.staged_file > older.staged_file));
ALTER TABLE ad_spend MODIFY spend_key VARCHAR(255) NOT NULL;
CREATE UNIQUE INDEX uq_ad_spend_key ON ad_spend (tenant_id, spend_key);
