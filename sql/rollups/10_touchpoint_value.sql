-- scope: tenant
-- touchpoint_value: per tenant, touchpoint kind, touchpoint and currency (reads contact_value and
-- contact_touchpoints, no facts). Counted contacts: the tenant's contacts created before
-- :windowEnd (or with no creation time); each has a net value in every currency of the tenant (zero
-- where it never bought). :counted = 'ever' counts a touchpoint the contact has now; 'before_purchase'
-- only one it had at or before its first purchase.
-- Averages and medians are minor units rounded half away from zero; an even group's median is the
-- mean of its two middle values; lift = avg_with - avg_without.
-- lift_ci_low/high: a 95% interval for the difference of the two groups' means (Welch): with n1, S1, Q1
-- the holders' count, sum and sum of squares of net (n2, S2, Q2 the others'), s_i^2 = (Q_i - S_i^2/n_i) /
-- (n_i - 1), se = sqrt(s1^2/n1 + s2^2/n2), Welch-Satterthwaite df = se^4 / ((s1^2/n1)^2/(n1 - 1) +
-- (s2^2/n2)^2/(n2 - 1)), and the interval S1/n1 - S2/n2 -/+ t * se, rounded half away from zero. t is the
-- two-sided 95% quantile of Student's t at the largest tabled df not above the Welch df (1 to 30, 40, 60, 80,
-- 100, 120, 1000; 12.706 at 1, 1.962 from 1000 on): a conservative step, never narrower than the exact
-- quantile. NULL when either group has fewer than two contacts. The sums of squares are exact decimals kept
-- beside the sums (zeros add nothing to either), the variances are exact decimals until the square root.
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
                                   sq_with, sq_without, wj1, wj2, oj1, oj2)
WITH counted_contacts AS (
  SELECT COUNT(*) AS contacts
  FROM contacts
  WHERE tenant_id = :tenantId AND (created_at IS NULL OR created_at < :windowEnd)
),
nonzero AS (
  SELECT currency, SUM(CASE WHEN net_minor < 0 THEN 1 ELSE 0 END) AS negative, COUNT(*) AS nonzero,
         SUM(net_minor) AS net, SUM(CAST(net_minor AS DECIMAL(38,0)) * net_minor) AS sq
  FROM rollup_work_contact_net
  WHERE tenant_id = :tenantId
  GROUP BY currency
),
currencies AS (
  SELECT cur.currency, cc.contacts, COALESCE(nz.negative, 0) AS negative, COALESCE(nz.nonzero, 0) AS nonzero,
         COALESCE(nz.net, 0) AS net, COALESCE(nz.sq, 0) AS sq
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
         COUNT(*) AS nonzero, SUM(net_minor) AS net, SUM(CAST(net_minor AS DECIMAL(38,0)) * net_minor) AS sq
  FROM rollup_work_members
  WHERE tenant_id = :tenantId
  GROUP BY kind, touchpoint, currency
),
groups AS (
  SELECT h.kind, h.touchpoint, cur.currency, h.holders AS n, cur.contacts - h.holders AS others,
         COALESCE(mt.net, 0) AS net_with, cur.net - COALESCE(mt.net, 0) AS net_without,
         COALESCE(mt.sq, 0) AS sq_with, cur.sq - COALESCE(mt.sq, 0) AS sq_without,
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
SELECT :tenantId, kind, touchpoint, currency, n, others, net_with, net_without, sq_with, sq_without,
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
                              median_net_without_minor, lift_minor, lift_ci_low_minor, lift_ci_high_minor, counted,
                              computed_at)
WITH averaged AS (
  SELECT p.kind, p.touchpoint, p.currency, p.n AS contacts_with,
         ROUND(p.net_with / p.n) AS avg_with,
         ROUND((COALESCE(w1.net_minor, 0) + COALESCE(w2.net_minor, 0)) / 2) AS median_with,
         p.others AS contacts_without,
         CASE WHEN p.others > 0 THEN ROUND(p.net_without / p.others) ELSE 0 END AS avg_without,
         CASE WHEN p.others > 0 THEN ROUND((COALESCE(a1.net_minor, 0) + COALESCE(a2.net_minor, 0)) / 2) ELSE 0 END
           AS median_without,
         -- the squared standard errors of the two means (1E0 makes them doubles, after the exact subtraction)
         CASE WHEN p.n > 1 AND p.others > 1
              THEN GREATEST(p.sq_with - CAST(p.net_with AS DECIMAL(38,0)) * p.net_with / p.n, 0) / (p.n - 1) / p.n * 1E0
         END AS a,
         CASE WHEN p.n > 1 AND p.others > 1
              THEN GREATEST(p.sq_without - CAST(p.net_without AS DECIMAL(38,0)) * p.net_without / p.others, 0)
                   / (p.others - 1) / p.others * 1E0 END AS b,
         p.net_with * 1E0 / p.n - CASE WHEN p.others > 0 THEN p.net_without * 1E0 / p.others ELSE 0 END AS difference
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
),
welch AS (
  SELECT averaged.*,
         CASE WHEN a + b > 0 THEN SQRT(a + b) ELSE 0 END AS se,
         CASE WHEN a + b > 0 THEN (a + b) * (a + b) / (a * a / (contacts_with - 1) + b * b / (contacts_without - 1)) END
           AS df
  FROM averaged
),
quantile AS (
  SELECT welch.*,
         CASE WHEN df IS NULL THEN 0 WHEN df >= 1000 THEN 1.962 WHEN df >= 120 THEN 1.980 WHEN df >= 100 THEN 1.984
              WHEN df >= 80 THEN 1.990 WHEN df >= 60 THEN 2.000 WHEN df >= 40 THEN 2.021 WHEN df >= 30 THEN 2.042
              WHEN df >= 29 THEN 2.045 WHEN df >= 28 THEN 2.048 WHEN df >= 27 THEN 2.052 WHEN df >= 26 THEN 2.056
              WHEN df >= 25 THEN 2.060 WHEN df >= 24 THEN 2.064 WHEN df >= 23 THEN 2.069 WHEN df >= 22 THEN 2.074
              WHEN df >= 21 THEN 2.080 WHEN df >= 20 THEN 2.086 WHEN df >= 19 THEN 2.093 WHEN df >= 18 THEN 2.101
              WHEN df >= 17 THEN 2.110 WHEN df >= 16 THEN 2.120 WHEN df >= 15 THEN 2.131 WHEN df >= 14 THEN 2.145
              WHEN df >= 13 THEN 2.160 WHEN df >= 12 THEN 2.179 WHEN df >= 11 THEN 2.201 WHEN df >= 10 THEN 2.228
              WHEN df >= 9 THEN 2.262 WHEN df >= 8 THEN 2.306 WHEN df >= 7 THEN 2.365 WHEN df >= 6 THEN 2.447
              WHEN df >= 5 THEN 2.571 WHEN df >= 4 THEN 2.776 WHEN df >= 3 THEN 3.182 WHEN df >= 2 THEN 4.303
              ELSE 12.706 END AS t
  FROM welch
)
SELECT :tenantId, kind, touchpoint, currency, contacts_with, avg_with, median_with, contacts_without, avg_without,
       median_without, avg_with - avg_without,
       CASE WHEN a IS NOT NULL THEN ROUND(CAST(difference - t * se AS DECIMAL(38,6))) END,
       CASE WHEN a IS NOT NULL THEN ROUND(CAST(difference + t * se AS DECIMAL(38,6))) END,
       :counted, CURRENT_TIMESTAMP(6)
FROM quantile
