-- touchpoint_value: per tenant, touchpoint kind, touchpoint and currency. Reads contact_value, so it
-- runs after 01_contact_value. Every contact of the tenant counts, with a net value of zero in a
-- currency it never bought in. A contact "has" a tag when its applications sum to more than zero
-- (an application is +1, a removal -1); a tag applied to a source id's alias (a Salesforce campaign
-- member) counts for the contact that id is linked to. It "has" an event or campaign when any of its resolved
-- touchpoints carries it, at any time (before or after its purchases).
-- Averages are minor units rounded half away from zero; lift = avg_with - avg_without.
INSERT INTO touchpoint_value (tenant_id, kind, touchpoint, currency, contacts_with, avg_net_with_minor,
                              contacts_without, avg_net_without_minor, lift_minor, computed_at)
WITH contact_net AS (
  SELECT u.contact_id, cur.currency, COALESCE(cv.net_minor, 0) AS net_minor
  FROM (SELECT DISTINCT contact_id FROM contact_value WHERE tenant_id = :tenantId) u
  CROSS JOIN (SELECT DISTINCT currency FROM contact_value WHERE tenant_id = :tenantId AND currency <> '') cur
  LEFT JOIN contact_value cv
         ON cv.tenant_id = :tenantId AND cv.contact_id = u.contact_id AND cv.currency = cur.currency
),
resolved_touch AS (
  SELECT COALESCE(t.contact_id, iu.contact_id, ia.contact_id) AS contact_id, t.kind, t.name, t.campaign
  FROM touchpoints t
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE t.tenant_id = :tenantId
),
contact_touchpoints AS (
  SELECT COALESCE(ci.contact_id, ta.contact_id) AS contact_id, 'tag' AS kind, ta.tag AS touchpoint
  FROM tag_applications ta
  LEFT JOIN contact_identities ci ON ci.tenant_id = ta.tenant_id AND ci.alias_contact_id = ta.contact_id
  WHERE ta.tenant_id = :tenantId
  GROUP BY COALESCE(ci.contact_id, ta.contact_id), ta.tag
  HAVING SUM(ta.sign) > 0
  UNION
  SELECT DISTINCT contact_id, 'event', name
  FROM resolved_touch
  WHERE contact_id IS NOT NULL AND kind = 'track' AND name IS NOT NULL
  UNION
  SELECT DISTINCT contact_id, 'campaign', campaign
  FROM resolved_touch
  WHERE contact_id IS NOT NULL AND campaign IS NOT NULL
),
with_touchpoint AS (
  SELECT ct.kind, ct.touchpoint, cn.currency, COUNT(*) AS contacts_with, SUM(cn.net_minor) AS net_with
  FROM contact_touchpoints ct
  JOIN contact_net cn ON cn.contact_id = ct.contact_id
  GROUP BY ct.kind, ct.touchpoint, cn.currency
),
everyone AS (
  SELECT currency, COUNT(*) AS contacts, SUM(net_minor) AS net
  FROM contact_net
  GROUP BY currency
),
averaged AS (
  SELECT w.kind, w.touchpoint, w.currency, w.contacts_with,
         ROUND(w.net_with / w.contacts_with) AS avg_with,
         e.contacts - w.contacts_with AS contacts_without,
         CASE WHEN e.contacts > w.contacts_with
              THEN ROUND((e.net - w.net_with) / (e.contacts - w.contacts_with)) ELSE 0 END AS avg_without
  FROM with_touchpoint w
  JOIN everyone e ON e.currency = w.currency
)
SELECT :tenantId, kind, touchpoint, currency, contacts_with, avg_with, contacts_without, avg_without,
       avg_with - avg_without, CURRENT_TIMESTAMP(6)
FROM averaged
