-- scope: tenant
-- funnel_steps: per tenant, funnel (touchpoint.funnels.<name>) and step, how many contacts reached the step.
-- The run writes the funnels into funnel_definitions first (one row per step: kind page, event or purchase,
-- the page's URL path or the event's name, the funnel's window in seconds), so this file joins them as data.
-- A step's occurrences are a contact's session events (session_events of its sessions: 'page:/pricing' a page
-- view whose name, the URL path without query string, is /pricing; 'event:Signed Up' an event other than a page
-- or screen view with that name) and its counted purchases ('purchase'). Anonymous visitors are not counted;
-- their events count once an identify brings them to a contact.
-- A contact enters a funnel at its first occurrence of step 1; it reaches step k at its first occurrence of step
-- k after the occurrence that reached step k - 1 (later in its time order: time, then events before purchases,
-- then session id and event number, or purchase key) and at most the window after it. A step reached out of
-- order, or after the window, does not count, and a contact that misses a step stops there (no re-entry: a
-- contact that starts again later is judged on its first start).
-- contacts: the contacts that reached the step; conversion: contacts / the previous step's contacts, rounded
-- to 4 decimals (NULL for step 1, or when the previous step has none); median_seconds_from_previous: the
-- median, over those contacts, of the seconds from the occurrence that reached the previous step to the one
-- that reached this one (an even count's median is the mean of its two middle values, rounded half away from
-- zero; NULL for step 1 or without contacts). Every declared step has a row, with 0 contacts if none reached it.
-- Recomputed from sessions, session_events and counted_purchases (no fact scans) on every run. Statements: the
-- matching occurrences, numbered per contact and funnel (rollup_work_funnel_events); step 1 reached
-- (rollup_work_funnel_reached); each later step from the one before (the statement with :step runs once per
-- step number from 2 to the longest funnel's, in order); the rows.
INSERT INTO rollup_work_funnel_events (tenant_id, funnel, step_number, contact_id, seq, occurred_at)
SELECT :tenantId, funnel, step_number, contact_id,
       DENSE_RANK() OVER (PARTITION BY funnel, contact_id ORDER BY occurred_at, is_purchase, event_key, event_number),
       occurred_at
FROM (
  SELECT d.funnel, d.step_number, s.contact_id, e.occurred_at, 0 AS is_purchase, e.session_id AS event_key,
         e.event_number
  FROM funnel_definitions d
  JOIN session_events e
    ON e.tenant_id = d.tenant_id AND e.name = d.name
   AND ((d.kind = 'page' AND e.kind = 'page') OR (d.kind = 'event' AND e.kind NOT IN ('page', 'screen')))
  JOIN sessions s ON s.tenant_id = e.tenant_id AND s.session_id = e.session_id
  WHERE d.tenant_id = :tenantId AND d.kind IN ('page', 'event') AND s.contact_id IS NOT NULL
  UNION ALL
  SELECT d.funnel, d.step_number, cp.contact_id, cp.occurred_at, 1, cp.purchase_key, 0
  FROM funnel_definitions d
  JOIN counted_purchases cp ON cp.tenant_id = d.tenant_id
  WHERE d.tenant_id = :tenantId AND d.kind = 'purchase'
) matched;

INSERT INTO rollup_work_funnel_reached (tenant_id, funnel, step_number, contact_id, seq, occurred_at,
                                        seconds_from_previous)
SELECT :tenantId, e.funnel, 1, e.contact_id, e.seq, e.occurred_at, NULL
FROM (
  SELECT funnel, contact_id, MIN(seq) AS seq
  FROM rollup_work_funnel_events
  WHERE tenant_id = :tenantId AND step_number = 1
  GROUP BY funnel, contact_id
) f
JOIN rollup_work_funnel_events e
  ON e.tenant_id = :tenantId AND e.funnel = f.funnel AND e.step_number = 1 AND e.contact_id = f.contact_id
 AND e.seq = f.seq;

INSERT INTO rollup_work_funnel_reached (tenant_id, funnel, step_number, contact_id, seq, occurred_at,
                                        seconds_from_previous)
SELECT :tenantId, n.funnel, :step, n.contact_id, n.seq, e.occurred_at,
       TIMESTAMPDIFF(SECOND, n.previous_at, e.occurred_at)
FROM (
  SELECT r.funnel, r.contact_id, MIN(c.seq) AS seq, MAX(r.occurred_at) AS previous_at
  FROM rollup_work_funnel_reached r
  JOIN funnel_definitions d ON d.tenant_id = r.tenant_id AND d.funnel = r.funnel AND d.step_number = :step
  JOIN rollup_work_funnel_events c
    ON c.tenant_id = r.tenant_id AND c.funnel = r.funnel AND c.step_number = :step AND c.contact_id = r.contact_id
   AND c.seq > r.seq AND c.occurred_at <= DATE_ADD(r.occurred_at, INTERVAL d.window_seconds SECOND)
  WHERE r.tenant_id = :tenantId AND r.step_number = :step - 1
  GROUP BY r.funnel, r.contact_id
) n
JOIN rollup_work_funnel_events e
  ON e.tenant_id = :tenantId AND e.funnel = n.funnel AND e.step_number = :step AND e.contact_id = n.contact_id
 AND e.seq = n.seq;

INSERT INTO funnel_steps (tenant_id, funnel, step_number, step, contacts, conversion, median_seconds_from_previous)
WITH reached AS (
  SELECT funnel, step_number, COUNT(*) AS contacts
  FROM rollup_work_funnel_reached
  WHERE tenant_id = :tenantId
  GROUP BY funnel, step_number
),
ranked AS (
  SELECT funnel, step_number, seconds_from_previous,
         ROW_NUMBER() OVER (PARTITION BY funnel, step_number ORDER BY seconds_from_previous, contact_id) AS i,
         COUNT(*) OVER (PARTITION BY funnel, step_number) AS n
  FROM rollup_work_funnel_reached
  WHERE tenant_id = :tenantId AND step_number > 1
),
medians AS (
  SELECT funnel, step_number, ROUND(SUM(seconds_from_previous) / COUNT(*)) AS median_seconds
  FROM ranked
  WHERE i = FLOOR((n + 1) / 2) OR i = FLOOR((n + 2) / 2)
  GROUP BY funnel, step_number
)
SELECT :tenantId, d.funnel, d.step_number, d.step, COALESCE(r.contacts, 0),
       CASE WHEN d.step_number > 1 AND pr.contacts > 0 THEN ROUND(COALESCE(r.contacts, 0) / pr.contacts, 4) END,
       m.median_seconds
FROM funnel_definitions d
LEFT JOIN reached r ON r.funnel = d.funnel AND r.step_number = d.step_number
LEFT JOIN reached pr ON pr.funnel = d.funnel AND pr.step_number = d.step_number - 1
LEFT JOIN medians m ON m.funnel = d.funnel AND m.step_number = d.step_number
WHERE d.tenant_id = :tenantId
