-- scope: tenant
-- attribution: per tenant, model (first_touch, last_touch), channel, campaign and currency (reads
-- contact_attribution, contact_value and ad_spend). contacts: customers credited to the touch under the
-- model; purchases and revenue_minor: their counted orders and net value in this currency (all time).
-- spend_minor: the tenant's ad_spend for the campaign on the platform equal to the channel, in this
-- currency; spend with no credited customer still has a row (contacts 0) under both models.
-- cpa_minor = spend / contacts (rounded; NULL without contacts); roas = revenue / spend (NULL without spend).
-- Customers without a marketing touch before their first purchase are the row with channel '' and campaign ''.
INSERT INTO attribution (tenant_id, model, channel, campaign, currency, contacts, purchases, revenue_minor,
                         spend_minor, cpa_minor, roas, computed_at)
WITH credited AS (
  SELECT ca.model, ca.channel, ca.campaign, cv.currency,
         COUNT(*) AS contacts, SUM(cv.orders) AS purchases, SUM(cv.net_minor) AS revenue_minor
  FROM contact_attribution ca
  JOIN contact_value cv ON cv.tenant_id = ca.tenant_id AND cv.contact_id = ca.contact_id AND cv.currency <> ''
  WHERE ca.tenant_id = :tenantId
  GROUP BY ca.model, ca.channel, ca.campaign, cv.currency
),
spend AS (
  SELECT LOWER(platform) AS channel, campaign, currency, SUM(amount_minor) AS spend_minor
  FROM ad_spend
  WHERE tenant_id = :tenantId
  GROUP BY LOWER(platform), campaign, currency
),
models AS (
  SELECT 'first_touch' AS model UNION ALL SELECT 'last_touch'
),
keyed AS (
  SELECT model, channel, campaign, currency FROM credited
  UNION
  SELECT m.model, s.channel, s.campaign, s.currency FROM spend s CROSS JOIN models m
)
SELECT :tenantId, k.model, k.channel, k.campaign, k.currency,
       COALESCE(c.contacts, 0), COALESCE(c.purchases, 0), COALESCE(c.revenue_minor, 0),
       COALESCE(s.spend_minor, 0),
       CASE WHEN c.contacts > 0 THEN ROUND(COALESCE(s.spend_minor, 0) / c.contacts) END,
       CASE WHEN s.spend_minor > 0 THEN ROUND(COALESCE(c.revenue_minor, 0) / s.spend_minor, 4) END,
       CURRENT_TIMESTAMP(6)
FROM keyed k
LEFT JOIN credited c
       ON c.model = k.model AND c.channel = k.channel AND c.campaign = k.campaign AND c.currency = k.currency
LEFT JOIN spend s ON s.channel = k.channel AND s.campaign = k.campaign AND s.currency = k.currency
