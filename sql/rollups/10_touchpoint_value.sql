-- scope: tenant
-- touchpoint_value: per tenant, touchpoint kind, touchpoint and currency (reads contact_value and
-- contact_touchpoints, no facts). Counted contacts: the tenant's contacts created before
-- :windowEnd (or with no creation time); each has a net value in every currency of the tenant (zero
-- where it never bought). :counted = 'ever' counts a touchpoint the contact has now; 'before_purchase'
-- only one it had at or before its first purchase.
-- Averages and medians are minor units rounded half away from zero; an even group's median is the
-- mean of its two middle values; lift = avg_with - avg_without.
-- Most contacts have no money in a currency, so only non-zero values are ranked: the values of a
-- group (the holders of a touchpoint, or the others) in order are its negatives, then its zeros (counted,
-- not listed), then its positives. rollup_work_contact_net ranks every counted contact's non-zero net per
-- currency by (net, contact_id): g. rollup_work_members ranks each touchpoint's holders with a non-zero
-- net the same way: i. The j-th non-zero value of the holders is members row i = j; the j-th non-zero
-- value of the others has rank g = j + #{members with g - i < j} (the members ranked before it).
-- rollup_work_positions holds each group's sizes, nets and middle positions, rollup_work_without_ranks the
-- others' middle ranks g; the last statement reads both, and the ranked values, by key.
INSERT INTO rollup_work_contact_net (tenant_id, currency, g, contact_id, net_minor)
SELECT :tenantId, cv.currency, ROW_NUMBER() OVER (PARTITION BY cv.currency ORDER BY cv.net_minor, cv.contact_id),
       cv.contact_id, cv.net_minor
FROM contact_value cv
JOIN contacts c ON c.tenant_id = cv.tenant_id AND c.contact_id = cv.contact_id
WHERE cv.tenant_id = :tenantId AND cv.currency <> '' AND cv.net_minor <> 0
  AND (c.created_at IS NULL OR c.created_at < :windowEnd);

INSERT INTO rollup_work_members (tenant_id, kind, touchpoint, currency, i, n, g, net_minor)
SELECT :tenantId, ct.kind, ct.touchpoint, cn.currency,
       ROW_NUMBER() OVER (PARTITION BY ct.kind, ct.touchpoint, cn.currency ORDER BY cn.g),
       COUNT(*) OVER (PARTITION BY ct.kind, ct.touchpoint, cn.currency),
       cn.g, cn.net_minor
FROM contact_touchpoints ct
JOIN rollup_work_contact_net cn ON cn.tenant_id = ct.tenant_id AND cn.contact_id = ct.contact_id
WHERE ct.tenant_id = :tenantId
  AND (CASE WHEN :counted = 'before_purchase' THEN ct.before_first_purchase ELSE ct.held END) = 1;

INSERT INTO rollup_work_positions (tenant_id, kind, touchpoint, currency, n, others, net_with, net_without,
                                   wj1, wj2, oj1, oj2)
WITH counted_contacts AS (
  SELECT COUNT(*) AS contacts
  FROM contacts
  WHERE tenant_id = :tenantId AND (created_at IS NULL OR created_at < :windowEnd)
),
nonzero AS (
  SELECT currency, SUM(CASE WHEN net_minor < 0 THEN 1 ELSE 0 END) AS negative, COUNT(*) AS nonzero,
         SUM(net_minor) AS net
  FROM rollup_work_contact_net
  WHERE tenant_id = :tenantId
  GROUP BY currency
),
currencies AS (
  SELECT cur.currency, cc.contacts, COALESCE(nz.negative, 0) AS negative, COALESCE(nz.nonzero, 0) AS nonzero,
         COALESCE(nz.net, 0) AS net
  FROM (SELECT DISTINCT currency FROM contact_value WHERE tenant_id = :tenantId AND currency <> '') cur
  CROSS JOIN counted_contacts cc
  LEFT JOIN nonzero nz ON nz.currency = cur.currency
),
holders AS (
  SELECT ct.kind, ct.touchpoint, COUNT(*) AS holders
  FROM contact_touchpoints ct
  JOIN contacts c ON c.tenant_id = ct.tenant_id AND c.contact_id = ct.contact_id
  WHERE ct.tenant_id = :tenantId AND (c.created_at IS NULL OR c.created_at < :windowEnd)
    AND (CASE WHEN :counted = 'before_purchase' THEN ct.before_first_purchase ELSE ct.held END) = 1
  GROUP BY ct.kind, ct.touchpoint
),
member_totals AS (
  SELECT kind, touchpoint, currency, SUM(CASE WHEN net_minor < 0 THEN 1 ELSE 0 END) AS negative,
         COUNT(*) AS nonzero, SUM(net_minor) AS net
  FROM rollup_work_members
  WHERE tenant_id = :tenantId
  GROUP BY kind, touchpoint, currency
),
groups AS (
  SELECT h.kind, h.touchpoint, cur.currency, h.holders AS n, cur.contacts - h.holders AS others,
         COALESCE(mt.net, 0) AS net_with, cur.net - COALESCE(mt.net, 0) AS net_without,
         COALESCE(mt.negative, 0) AS with_negative, h.holders - COALESCE(mt.nonzero, 0) AS with_zero,
         cur.negative - COALESCE(mt.negative, 0) AS without_negative,
         (cur.contacts - cur.nonzero) - (h.holders - COALESCE(mt.nonzero, 0)) AS without_zero
  FROM holders h
  CROSS JOIN currencies cur
  LEFT JOIN member_totals mt ON mt.kind = h.kind AND mt.touchpoint = h.touchpoint AND mt.currency = cur.currency
),
middles AS (
  SELECT gr.*, FLOOR((n + 1) / 2) AS w1, FLOOR((n + 2) / 2) AS w2,
         FLOOR((others + 1) / 2) AS o1, FLOOR((others + 2) / 2) AS o2
  FROM groups gr
)
-- the j-th non-zero value each middle position is, or 0 for a position among the zeros
SELECT :tenantId, kind, touchpoint, currency, n, others, net_with, net_without,
       CASE WHEN w1 <= with_negative THEN w1 WHEN w1 <= with_negative + with_zero THEN 0 ELSE w1 - with_zero END,
       CASE WHEN w2 <= with_negative THEN w2 WHEN w2 <= with_negative + with_zero THEN 0 ELSE w2 - with_zero END,
       CASE WHEN o1 <= without_negative THEN o1 WHEN o1 <= without_negative + without_zero THEN 0
            ELSE o1 - without_zero END,
       CASE WHEN o2 <= without_negative THEN o2 WHEN o2 <= without_negative + without_zero THEN 0
            ELSE o2 - without_zero END
FROM middles;

INSERT INTO rollup_work_without_ranks (tenant_id, kind, touchpoint, currency, g1, g2)
SELECT :tenantId, p.kind, p.touchpoint, p.currency,
       p.oj1 + SUM(CASE WHEN m.g - m.i < p.oj1 THEN 1 ELSE 0 END),
       p.oj2 + SUM(CASE WHEN m.g - m.i < p.oj2 THEN 1 ELSE 0 END)
FROM rollup_work_positions p
LEFT JOIN rollup_work_members m
       ON m.tenant_id = p.tenant_id AND m.kind = p.kind AND m.touchpoint = p.touchpoint AND m.currency = p.currency
WHERE p.tenant_id = :tenantId AND p.others > 0
GROUP BY p.kind, p.touchpoint, p.currency, p.oj1, p.oj2;

INSERT INTO touchpoint_value (tenant_id, kind, touchpoint, currency, contacts_with, avg_net_with_minor,
                              median_net_with_minor, contacts_without, avg_net_without_minor,
                              median_net_without_minor, lift_minor, counted, computed_at)
WITH averaged AS (
  SELECT p.kind, p.touchpoint, p.currency, p.n AS contacts_with,
         ROUND(p.net_with / p.n) AS avg_with,
         ROUND((COALESCE(w1.net_minor, 0) + COALESCE(w2.net_minor, 0)) / 2) AS median_with,
         p.others AS contacts_without,
         CASE WHEN p.others > 0 THEN ROUND(p.net_without / p.others) ELSE 0 END AS avg_without,
         CASE WHEN p.others > 0 THEN ROUND((COALESCE(a1.net_minor, 0) + COALESCE(a2.net_minor, 0)) / 2) ELSE 0 END
           AS median_without
  FROM rollup_work_positions p
  LEFT JOIN rollup_work_members w1
         ON w1.tenant_id = p.tenant_id AND w1.kind = p.kind AND w1.touchpoint = p.touchpoint
        AND w1.currency = p.currency AND w1.i = p.wj1
  LEFT JOIN rollup_work_members w2
         ON w2.tenant_id = p.tenant_id AND w2.kind = p.kind AND w2.touchpoint = p.touchpoint
        AND w2.currency = p.currency AND w2.i = p.wj2
  LEFT JOIN rollup_work_without_ranks wr
         ON wr.tenant_id = p.tenant_id AND wr.kind = p.kind AND wr.touchpoint = p.touchpoint
        AND wr.currency = p.currency
  LEFT JOIN rollup_work_contact_net a1
         ON a1.tenant_id = p.tenant_id AND a1.currency = p.currency AND a1.g = CASE WHEN p.oj1 > 0 THEN wr.g1 END
  LEFT JOIN rollup_work_contact_net a2
         ON a2.tenant_id = p.tenant_id AND a2.currency = p.currency AND a2.g = CASE WHEN p.oj2 > 0 THEN wr.g2 END
  WHERE p.tenant_id = :tenantId
)
SELECT :tenantId, kind, touchpoint, currency, contacts_with, avg_with, median_with, contacts_without, avg_without,
       median_without, avg_with - avg_without, :counted, CURRENT_TIMESTAMP(6)
FROM averaged
