-- scope: tenant
-- touchpoint_pair_value: what contacts with both of two touchpoints are worth, compared with every other
-- counted contact, for each pair among the tenant's :pairTop most reached touchpoints
-- (touchpoint.rollups.pair-top, 50 by default), per currency. Reach is touchpoint_value.contacts_with (the
-- counted contacts holding it, by the :counted rule); ties by kind, then touchpoint. touchpoint_a is the
-- more reached of the two. Counted contacts, their nets and the rounding are touchpoint_value's (10, whose
-- rollup_work_contact_net this file reads): avg = net / contacts rounded half away from zero, 0 for an
-- empty group; lift = avg_with_both - avg_without_both. A pair no contact holds both of has no row.
-- Three statements: the top touchpoints numbered by reach (rollup_work_top_touchpoints, at most :pairTop
-- rows), the counted contacts holding each of them (rollup_work_top_holders, keyed by contact), then the
-- rows: a contact's pairs come from that narrow table joined to itself by contact (its primary key), so no
-- per-contact pair row is written. The holders are read in contact order, joined in the order written (a
-- MariaDB hint): the tenant's contacts, each one's contact_touchpoints rows by its primary key, then the top
-- touchpoint by key. Reading each top touchpoint's holders through the touchpoint index instead looks up every
-- holder's row and contact at random (30-34 s against 16-20 s at 1M tag applications, same data, alternating).
-- The self-join goes through the primary key by a MariaDB hint too: the holders are written in this transaction,
-- so the table's statistics can still say it is empty, and MariaDB then chose a block nested loop of every
-- holder against every holder (908,332 x 908,332 at 1M tag applications: a rebuild that took 17 s ran for
-- minutes).
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

INSERT INTO rollup_work_top_holders (tenant_id, contact_id, rn)
SELECT /*M! STRAIGHT_JOIN */ :tenantId, ca.contact_id, ta.rn
FROM contacts c
JOIN contact_touchpoints ca ON ca.tenant_id = c.tenant_id AND ca.contact_id = c.contact_id
JOIN rollup_work_top_touchpoints ta ON ta.tenant_id = ca.tenant_id AND ta.kind = ca.kind AND ta.touchpoint = ca.touchpoint
WHERE c.tenant_id = :tenantId AND (c.created_at IS NULL OR c.created_at < :windowEnd)
  AND (CASE WHEN :counted = 'before_purchase' THEN ca.before_first_purchase ELSE ca.held END) = 1;

INSERT INTO touchpoint_pair_value (tenant_id, kind_a, touchpoint_a, kind_b, touchpoint_b, currency, contacts_with_both,
                                   avg_net_with_both_minor, contacts_without_both, avg_net_without_both_minor,
                                   lift_minor, computed_at)
WITH pairs AS (
  SELECT ha.rn AS rn_a, hb.rn AS rn_b, COUNT(*) AS with_both
  FROM rollup_work_top_holders ha
  JOIN rollup_work_top_holders hb /*M! FORCE INDEX (PRIMARY) */
    ON hb.tenant_id = ha.tenant_id AND hb.contact_id = ha.contact_id AND hb.rn > ha.rn
  WHERE ha.tenant_id = :tenantId
  GROUP BY ha.rn, hb.rn
),
pair_money AS (
  SELECT ha.rn AS rn_a, hb.rn AS rn_b, cn.currency, SUM(cn.net_minor) AS net_both
  FROM rollup_work_top_holders ha
  JOIN rollup_work_top_holders hb /*M! FORCE INDEX (PRIMARY) */
    ON hb.tenant_id = ha.tenant_id AND hb.contact_id = ha.contact_id AND hb.rn > ha.rn
  JOIN rollup_work_contact_net cn ON cn.tenant_id = ha.tenant_id AND cn.contact_id = ha.contact_id
  WHERE ha.tenant_id = :tenantId
  GROUP BY ha.rn, hb.rn, cn.currency
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
