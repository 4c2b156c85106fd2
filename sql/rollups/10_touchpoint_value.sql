-- scope: tenant
-- touchpoint_value: per tenant, touchpoint kind, touchpoint and currency (reads contact_value and
-- contact_touchpoints, no facts). Counted contacts: the tenant's contacts created before
-- :windowEnd (or with no creation time); each has a net value in every currency of the tenant (zero
-- where it never bought). :counted = 'ever' counts a touchpoint the contact has now; 'before_purchase'
-- only one it had at or before its first purchase.
-- Averages and medians are minor units rounded half away from zero; an even group's median is the
-- mean of its two middle values; lift = avg_with - avg_without.
-- The median of the contacts WITHOUT a touchpoint comes from one ranking of all contacts per
-- currency (g, by net then contact_id): if the members are ranked i = 1..n in the same order, the
-- k-th non-member has global rank k + #{members with g - i < k}.
INSERT INTO touchpoint_value (tenant_id, kind, touchpoint, currency, contacts_with, avg_net_with_minor,
                              median_net_with_minor, contacts_without, avg_net_without_minor,
                              median_net_without_minor, lift_minor, counted, computed_at)
WITH counted_contacts AS (
  SELECT c.contact_id
  FROM contacts c
  WHERE c.tenant_id = :tenantId AND (c.created_at IS NULL OR c.created_at < :windowEnd)
),
currencies AS (
  SELECT DISTINCT currency FROM contact_value WHERE tenant_id = :tenantId AND currency <> ''
),
contact_net AS (
  SELECT cc.contact_id, cur.currency, COALESCE(cv.net_minor, 0) AS net_minor
  FROM counted_contacts cc
  CROSS JOIN currencies cur
  LEFT JOIN contact_value cv
         ON cv.tenant_id = :tenantId AND cv.contact_id = cc.contact_id AND cv.currency = cur.currency
),
ranked_all AS (
  SELECT contact_id, currency, net_minor,
         ROW_NUMBER() OVER (PARTITION BY currency ORDER BY net_minor, contact_id) AS g
  FROM contact_net
),
everyone AS (
  SELECT currency, COUNT(*) AS contacts, SUM(net_minor) AS net
  FROM contact_net
  GROUP BY currency
),
members AS (
  SELECT ct.kind, ct.touchpoint, ra.currency, ra.net_minor, ra.g,
         ROW_NUMBER() OVER (PARTITION BY ct.kind, ct.touchpoint, ra.currency ORDER BY ra.net_minor, ra.contact_id) AS i,
         COUNT(*) OVER (PARTITION BY ct.kind, ct.touchpoint, ra.currency) AS n
  FROM contact_touchpoints ct
  JOIN ranked_all ra ON ra.contact_id = ct.contact_id
  WHERE ct.tenant_id = :tenantId
    AND (CASE WHEN :counted = 'before_purchase' THEN ct.before_first_purchase ELSE ct.held END) = 1
),
with_touchpoint AS (
  SELECT m.kind, m.touchpoint, m.currency, MAX(m.n) AS contacts_with, SUM(m.net_minor) AS net_with,
         ROUND(AVG(CASE WHEN m.i = FLOOR((m.n + 1) / 2) OR m.i = FLOOR((m.n + 2) / 2) THEN m.net_minor END)) AS median_with,
         e.contacts - MAX(m.n) AS contacts_without,
         e.contacts AS contacts_all, e.net AS net_all,
         FLOOR((e.contacts - MAX(m.n) + 1) / 2) AS k1,
         FLOOR((e.contacts - MAX(m.n) + 2) / 2) AS k2
  FROM members m
  JOIN everyone e ON e.currency = m.currency
  GROUP BY m.kind, m.touchpoint, m.currency, e.contacts, e.net
),
without_ranks AS (
  SELECT w.kind, w.touchpoint, w.currency,
         w.k1 + SUM(CASE WHEN m.g - m.i < w.k1 THEN 1 ELSE 0 END) AS g1,
         w.k2 + SUM(CASE WHEN m.g - m.i < w.k2 THEN 1 ELSE 0 END) AS g2
  FROM with_touchpoint w
  JOIN members m ON m.kind = w.kind AND m.touchpoint = w.touchpoint AND m.currency = w.currency
  WHERE w.contacts_without > 0
  GROUP BY w.kind, w.touchpoint, w.currency, w.k1, w.k2
),
averaged AS (
  SELECT w.kind, w.touchpoint, w.currency, w.contacts_with,
         ROUND(w.net_with / w.contacts_with) AS avg_with,
         w.median_with,
         w.contacts_without,
         CASE WHEN w.contacts_without > 0
              THEN ROUND((w.net_all - w.net_with) / w.contacts_without) ELSE 0 END AS avg_without,
         CASE WHEN w.contacts_without > 0 THEN ROUND((a1.net_minor + a2.net_minor) / 2) ELSE 0 END AS median_without
  FROM with_touchpoint w
  LEFT JOIN without_ranks wr ON wr.kind = w.kind AND wr.touchpoint = w.touchpoint AND wr.currency = w.currency
  LEFT JOIN ranked_all a1 ON a1.currency = w.currency AND a1.g = wr.g1
  LEFT JOIN ranked_all a2 ON a2.currency = w.currency AND a2.g = wr.g2
)
SELECT :tenantId, kind, touchpoint, currency, contacts_with, avg_with, median_with, contacts_without, avg_without,
       median_without, avg_with - avg_without, :counted, CURRENT_TIMESTAMP(6)
FROM averaged
