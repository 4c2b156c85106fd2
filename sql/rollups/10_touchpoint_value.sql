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
-- Three statements, each reading the previous one's work table by its key: every counted contact's net
-- per currency ranked by (net, contact) (rollup_work_contact_net, g); each touchpoint's holders ranked
-- the same way within it (rollup_work_members, i of n); then one pass over the holders per touchpoint.
INSERT INTO rollup_work_contact_net (tenant_id, currency, g, contact_id, net_minor)
SELECT :tenantId, currency, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY net_minor, contact_id), contact_id, net_minor
FROM (
  SELECT c.contact_id, cur.currency, COALESCE(cv.net_minor, 0) AS net_minor
  FROM contacts c
  CROSS JOIN (SELECT DISTINCT currency FROM contact_value WHERE tenant_id = :tenantId AND currency <> '') cur
  LEFT JOIN contact_value cv
         ON cv.tenant_id = c.tenant_id AND cv.contact_id = c.contact_id AND cv.currency = cur.currency
  WHERE c.tenant_id = :tenantId AND (c.created_at IS NULL OR c.created_at < :windowEnd)
) contact_net;

INSERT INTO rollup_work_members (tenant_id, kind, touchpoint, currency, i, n, g, net_minor)
SELECT :tenantId, ct.kind, ct.touchpoint, cn.currency,
       ROW_NUMBER() OVER (PARTITION BY ct.kind, ct.touchpoint, cn.currency ORDER BY cn.g),
       COUNT(*) OVER (PARTITION BY ct.kind, ct.touchpoint, cn.currency),
       cn.g, cn.net_minor
FROM contact_touchpoints ct
JOIN rollup_work_contact_net cn ON cn.tenant_id = ct.tenant_id AND cn.contact_id = ct.contact_id
WHERE ct.tenant_id = :tenantId
  AND (CASE WHEN :counted = 'before_purchase' THEN ct.before_first_purchase ELSE ct.held END) = 1;

INSERT INTO touchpoint_value (tenant_id, kind, touchpoint, currency, contacts_with, avg_net_with_minor,
                              median_net_with_minor, contacts_without, avg_net_without_minor,
                              median_net_without_minor, lift_minor, counted, computed_at)
WITH everyone AS (
  SELECT currency, COUNT(*) AS contacts, SUM(net_minor) AS net
  FROM rollup_work_contact_net
  WHERE tenant_id = :tenantId
  GROUP BY currency
),
with_touchpoint AS (
  SELECT m.kind, m.touchpoint, m.currency, MAX(m.n) AS contacts_with, SUM(m.net_minor) AS net_with,
         ROUND(AVG(CASE WHEN m.i = FLOOR((m.n + 1) / 2) OR m.i = FLOOR((m.n + 2) / 2) THEN m.net_minor END)) AS median_with,
         e.contacts - MAX(m.n) AS contacts_without,
         e.net AS net_all,
         FLOOR((e.contacts - MAX(m.n) + 1) / 2)
           + SUM(CASE WHEN m.g - m.i < FLOOR((e.contacts - m.n + 1) / 2) THEN 1 ELSE 0 END) AS g1,
         FLOOR((e.contacts - MAX(m.n) + 2) / 2)
           + SUM(CASE WHEN m.g - m.i < FLOOR((e.contacts - m.n + 2) / 2) THEN 1 ELSE 0 END) AS g2
  FROM rollup_work_members m
  JOIN everyone e ON e.currency = m.currency
  WHERE m.tenant_id = :tenantId
  GROUP BY m.kind, m.touchpoint, m.currency, e.contacts, e.net
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
  LEFT JOIN rollup_work_contact_net a1 ON a1.tenant_id = :tenantId AND a1.currency = w.currency AND a1.g = w.g1
  LEFT JOIN rollup_work_contact_net a2 ON a2.tenant_id = :tenantId AND a2.currency = w.currency AND a2.g = w.g2
)
SELECT :tenantId, kind, touchpoint, currency, contacts_with, avg_with, median_with, contacts_without, avg_without,
       median_without, avg_with - avg_without, :counted, CURRENT_TIMESTAMP(6)
FROM averaged
