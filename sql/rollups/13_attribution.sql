-- scope: delta
-- attribution: per tenant, model (first_touch, last_touch, linear, position_based, time_decay), channel,
-- campaign and currency (reads contact_attribution, contact_value and ad_spend). Each customer's credit
-- under a model (contact_attribution.credit_ppm, millionths summing to one) is split over its channels
-- and campaigns: contacts is the credited share of customers (six decimals), purchases the same share of
-- their counted orders, revenue_minor the same share of their net value in this currency (all time), in
-- whole minor units by largest remainder: each row gets the floor of its share of the customer's net (integer
-- arithmetic: DIV and MOD, never a rounded quotient), and
-- the units left go one each to the largest remainders, ties to the earlier touched_at, then channel, then
-- campaign; so a customer's credited revenue sums to exactly its net under every model.
-- spend_minor: the tenant's ad_spend for the campaign on the platform equal to the channel, in this
-- currency; spend with no credited customer still has a row (contacts 0) under every model.
-- cpa_minor = spend / contacts (rounded; NULL without contacts); roas = revenue / spend (NULL without spend).
-- Customers without a marketing touch before their first purchase are the row with channel '' and campaign ''.
-- The credited side is a sum over contacts kept by differences (see 11_daily_revenue.sql) in
-- rollup_sum_attribution; the table is recomputed from it and the tenant's ad spend. Sums of millionths
-- are exact decimals, so a batch's differences leave the same sums as a rebuild.
-- phase: footprint
INSERT INTO rollup_work_attribution (tenant_id, model, channel, campaign, currency, contacts, purchases, revenue_minor)
SELECT :tenantId, c.model, c.channel, c.campaign, c.currency, c.d_contacts, c.d_purchases, c.d_revenue
FROM (
  SELECT model, channel, campaign, currency,
         :sign * SUM(credit_ppm) * 0.000001 AS d_contacts, :sign * SUM(orders * credit_ppm) * 0.000001 AS d_purchases,
         :sign * SUM(base + CASE WHEN r <= left_over THEN 1 ELSE 0 END) AS d_revenue
  FROM (
    SELECT contact_id, model, channel, campaign, currency, credit_ppm, orders, base,
           net_minor - SUM(base) OVER (PARTITION BY contact_id, model, currency) AS left_over,
           ROW_NUMBER() OVER (PARTITION BY contact_id, model, currency
                              ORDER BY remainder DESC, touched_at, channel, campaign) AS r
    FROM (
      SELECT ca.contact_id, ca.model, ca.channel, ca.campaign, ca.touched_at, ca.credit_ppm, cv.currency, cv.orders,
             cv.net_minor, (cv.net_minor * ca.credit_ppm - MOD(MOD(cv.net_minor * ca.credit_ppm, 1000000) + 1000000, 1000000))
                           DIV 1000000 AS base,
             MOD(MOD(cv.net_minor * ca.credit_ppm, 1000000) + 1000000, 1000000) AS remainder
      FROM rollup_scope s
      JOIN contact_attribution ca ON ca.tenant_id = s.tenant_id AND ca.contact_id = s.contact_id
      JOIN contact_value cv ON cv.tenant_id = ca.tenant_id AND cv.contact_id = ca.contact_id AND cv.currency <> ''
      WHERE s.tenant_id = :tenantId
    ) shares
  ) ranked
  GROUP BY model, channel, campaign, currency
) c
ON DUPLICATE KEY UPDATE
  contacts = rollup_work_attribution.contacts + VALUES(contacts),
  purchases = rollup_work_attribution.purchases + VALUES(purchases),
  revenue_minor = rollup_work_attribution.revenue_minor + VALUES(revenue_minor);

-- phase: apply
INSERT INTO rollup_sum_attribution (tenant_id, model, channel, campaign, currency, contacts, purchases, revenue_minor)
SELECT tenant_id, model, channel, campaign, currency, contacts, purchases, revenue_minor
FROM rollup_work_attribution
WHERE tenant_id = :tenantId AND (contacts <> 0 OR purchases <> 0 OR revenue_minor <> 0)
ON DUPLICATE KEY UPDATE
  contacts = rollup_sum_attribution.contacts + VALUES(contacts),
  purchases = rollup_sum_attribution.purchases + VALUES(purchases),
  revenue_minor = rollup_sum_attribution.revenue_minor + VALUES(revenue_minor);

DELETE FROM rollup_sum_attribution WHERE tenant_id = :tenantId AND contacts = 0;

DELETE FROM attribution WHERE tenant_id = :tenantId;

INSERT INTO attribution (tenant_id, model, channel, campaign, currency, contacts, purchases, revenue_minor,
                         spend_minor, cpa_minor, roas, computed_at)
WITH credited AS (
  SELECT model, channel, campaign, currency, contacts, purchases, revenue_minor
  FROM rollup_sum_attribution
  WHERE tenant_id = :tenantId
),
spend AS (
  SELECT LOWER(platform) AS channel, campaign, currency, SUM(amount_minor) AS spend_minor
  FROM ad_spend
  WHERE tenant_id = :tenantId
  GROUP BY LOWER(platform), campaign, currency
),
models AS (
  SELECT 'first_touch' AS model UNION ALL SELECT 'last_touch' UNION ALL SELECT 'linear' UNION ALL SELECT 'position_based'
  UNION ALL SELECT 'time_decay'
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
