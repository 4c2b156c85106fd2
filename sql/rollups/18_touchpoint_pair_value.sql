-- scope: tenant
-- touchpoint_pair_value: what contacts with both of two touchpoints are worth, compared with every other
-- counted contact, for each pair among the tenant's :pairTop most reached touchpoints
-- (touchpoint.rollups.pair-top, 50 by default), per currency. Reach is touchpoint_value.contacts_with (the
-- counted contacts holding it, by the :counted rule); ties by kind, then touchpoint. touchpoint_a is the
-- more reached of the two. Counted contacts, their nets and the rounding are touchpoint_value's (10, whose
-- rollup_work_contact_net this file reads): avg = net / contacts rounded half away from zero, 0 for an
-- empty group; lift = avg_with_both - avg_without_both. A pair no contact holds both of has no row.
-- Three statements: the top touchpoints numbered by reach (rollup_work_top_touchpoints, at most :pairTop
-- rows), each counted contact's pairs of them (rollup_work_pair_holders), then the rows. The pairs come from
-- contact_touchpoints joined to itself by contact (its primary key) and to the few top touchpoints: a
-- freshly filled work table joined to itself was joined by block nested loops (its statistics are stale
-- inside the run's transaction), a scan of one side per row of the other. rollup_work_pair_holders has a
-- key by pair and one by contact, so the last statement's join to rollup_work_contact_net is a key lookup
-- whichever side the optimizer starts from. The second statement joins in the order written (a MariaDB hint):
-- each top touchpoint's holders once, then each holder's other touchpoints by key; left to itself, MariaDB
-- crossed the top touchpoints with themselves first and read every holder of one once per other (28 s
-- instead of 4 at 50,000 tag applications, on a loaded machine).
INSERT INTO rollup_work_top_touchpoints (tenant_id, rn, kind, touchpoint)
SELECT :tenantId, rn, kind, touchpoint
FROM (
  SELECT kind, touchpoint, ROW_NUMBER() OVER (ORDER BY reach DESC, kind, touchpoint) AS rn
  FROM (
    SELECT kind, touchpoint, MAX(contacts_with) AS reach
    FROM touchpoint_value
    WHERE tenant_id = :tenantId
    GROUP BY kind, touchpoint
  ) reached
) ranked
WHERE rn <= :pairTop;

INSERT INTO rollup_work_pair_holders (tenant_id, rn_a, rn_b, contact_id)
SELECT /*M! STRAIGHT_JOIN */ :tenantId, ta.rn, tb.rn, ca.contact_id
FROM rollup_work_top_touchpoints ta
JOIN contact_touchpoints ca ON ca.tenant_id = ta.tenant_id AND ca.kind = ta.kind AND ca.touchpoint = ta.touchpoint
JOIN contacts c ON c.tenant_id = ca.tenant_id AND c.contact_id = ca.contact_id
JOIN contact_touchpoints cb ON cb.tenant_id = ca.tenant_id AND cb.contact_id = ca.contact_id
JOIN rollup_work_top_touchpoints tb
  ON tb.tenant_id = cb.tenant_id AND tb.kind = cb.kind AND tb.touchpoint = cb.touchpoint AND tb.rn > ta.rn
WHERE ta.tenant_id = :tenantId AND (c.created_at IS NULL OR c.created_at < :windowEnd)
  AND (CASE WHEN :counted = 'before_purchase' THEN ca.before_first_purchase ELSE ca.held END) = 1
  AND (CASE WHEN :counted = 'before_purchase' THEN cb.before_first_purchase ELSE cb.held END) = 1;

INSERT INTO touchpoint_pair_value (tenant_id, kind_a, touchpoint_a, kind_b, touchpoint_b, currency, contacts_with_both,
                                   avg_net_with_both_minor, contacts_without_both, avg_net_without_both_minor,
                                   lift_minor, computed_at)
WITH pairs AS (
  SELECT rn_a, rn_b, COUNT(*) AS with_both
  FROM rollup_work_pair_holders
  WHERE tenant_id = :tenantId
  GROUP BY rn_a, rn_b
),
pair_money AS (
  SELECT ph.rn_a, ph.rn_b, cn.currency, SUM(cn.net_minor) AS net_both
  FROM rollup_work_pair_holders ph
  JOIN rollup_work_contact_net cn ON cn.tenant_id = ph.tenant_id AND cn.contact_id = ph.contact_id
  WHERE ph.tenant_id = :tenantId
  GROUP BY ph.rn_a, ph.rn_b, cn.currency
),
counted_contacts AS (
  SELECT COUNT(*) AS contacts
  FROM contacts
  WHERE tenant_id = :tenantId AND (created_at IS NULL OR created_at < :windowEnd)
),
currencies AS (
  SELECT cur.currency, cc.contacts, COALESCE(nz.net, 0) AS net
  FROM (SELECT DISTINCT currency FROM contact_value WHERE tenant_id = :tenantId AND currency <> '') cur
  CROSS JOIN counted_contacts cc
  LEFT JOIN (SELECT currency, SUM(net_minor) AS net FROM rollup_work_contact_net WHERE tenant_id = :tenantId
             GROUP BY currency) nz ON nz.currency = cur.currency
),
averaged AS (
  SELECT ta.kind AS kind_a, ta.touchpoint AS touchpoint_a, tb.kind AS kind_b, tb.touchpoint AS touchpoint_b,
         cur.currency, p.with_both,
         ROUND(COALESCE(pm.net_both, 0) / p.with_both) AS avg_with,
         cur.contacts - p.with_both AS without_both,
         CASE WHEN cur.contacts > p.with_both
              THEN ROUND((cur.net - COALESCE(pm.net_both, 0)) / (cur.contacts - p.with_both)) ELSE 0 END AS avg_without
  FROM pairs p
  CROSS JOIN currencies cur
  JOIN rollup_work_top_touchpoints ta ON ta.tenant_id = :tenantId AND ta.rn = p.rn_a
  JOIN rollup_work_top_touchpoints tb ON tb.tenant_id = :tenantId AND tb.rn = p.rn_b
  LEFT JOIN pair_money pm ON pm.rn_a = p.rn_a AND pm.rn_b = p.rn_b AND pm.currency = cur.currency
)
SELECT :tenantId, kind_a, touchpoint_a, kind_b, touchpoint_b, currency, with_both, avg_with, without_both, avg_without,
       avg_with - avg_without, CURRENT_TIMESTAMP(6)
FROM averaged
