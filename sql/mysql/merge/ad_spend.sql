-- Upsert ad spend from one staged file ({staging} is the loader's temporary table). A restated day
-- (the same spend_key in a later export or API pull) replaces the numbers of the earlier one.
INSERT INTO ad_spend (tenant_id, platform, spend_key, campaign, ad_set, ad, spend_date, impressions, clicks,
                      amount_minor, currency, source, batch_id, staged_file)
SELECT tenant_id, platform, spend_key, campaign, ad_set, ad, spend_date, impressions, clicks,
       amount_minor, currency, source, batch_id, staged_file
FROM {staging}
ON DUPLICATE KEY UPDATE
  impressions  = VALUES(impressions),
  clicks       = VALUES(clicks),
  amount_minor = VALUES(amount_minor),
  currency     = VALUES(currency),
  source       = VALUES(source),
  batch_id     = VALUES(batch_id),
  staged_file  = VALUES(staged_file)
