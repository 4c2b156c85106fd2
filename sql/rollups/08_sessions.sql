-- scope: visitor
-- sessions: one row per session of the visitors in scope, from the events 07 numbered
-- (rollup_work_session_events) and their ids (rollup_work_sessions). session_number counts the visitor's
-- sessions from 1 by start; a contact's count includes the sessions of an anonymous id it was identified
-- by, also those before the identify. anonymous_id, channel (lower-cased) and campaign are the first
-- event's; landing_page the name (URL path) of the first page view, NULL in a session without one; local_date
-- the start's day in the tenant's time zone. converted: the contact has a counted purchase at or after the
-- start and at most 24 hours after the end (never for an anonymous visitor).
-- The purchases are read by contact (a MariaDB index hint, a comment to SingleStore): with the work tables
-- statistics stale inside the run's transaction, MariaDB otherwise joined every session to every counted
-- purchase by block nested loops (SHOW EXPLAIN at 1M tag applications: 500,001 sessions x 99,216 purchases,
-- over 10 minutes), where a lookup by contact takes seconds.
-- Three statements: the scoped contacts' and anonymous visitors' old rows out (an incremental run, joined from
-- the scope so it reads them by key; a rebuild has emptied the table), then the rows.
DELETE s
FROM rollup_scope sc
JOIN sessions s ON s.tenant_id = sc.tenant_id AND s.contact_id = sc.contact_id
WHERE sc.tenant_id = :tenantId;

DELETE s
FROM rollup_work_session_visitors v
JOIN sessions s ON s.tenant_id = v.tenant_id AND s.anonymous_id = v.anonymous_id
WHERE v.tenant_id = :tenantId AND s.contact_id IS NULL;

INSERT INTO sessions (tenant_id, session_id, contact_id, anonymous_id, session_number, started_at, ended_at, local_date,
                      events, landing_page, channel, campaign, converted)
WITH spans AS (
  SELECT e.visitor_key, e.session_number, ws.session_id,
         MAX(e.contact_id) AS contact_id,
         MAX(CASE WHEN e.event_number = 1 THEN e.anonymous_id END) AS anonymous_id,
         MIN(e.occurred_at) AS started_at,
         MAX(e.occurred_at) AS ended_at,
         COUNT(*) AS events,
         MAX(CASE WHEN e.kind = 'page' AND e.page_rank = 1 THEN e.name END) AS landing_page,
         MAX(CASE WHEN e.event_number = 1 THEN e.channel END) AS channel,
         MAX(CASE WHEN e.event_number = 1 THEN e.campaign END) AS campaign
  FROM rollup_work_session_events e
  JOIN rollup_work_sessions ws
    ON ws.tenant_id = e.tenant_id AND ws.visitor_key = e.visitor_key AND ws.session_number = e.session_number
  WHERE e.tenant_id = :tenantId
  GROUP BY e.visitor_key, e.session_number, ws.session_id
)
SELECT :tenantId, sp.session_id, sp.contact_id, sp.anonymous_id, sp.session_number, sp.started_at, sp.ended_at,
       DATE(DATE_ADD(sp.started_at, INTERVAL z.offset_seconds SECOND)), sp.events, sp.landing_page, sp.channel,
       sp.campaign, MAX(CASE WHEN cp.purchase_key IS NULL THEN 0 ELSE 1 END)
FROM spans sp
JOIN tenant_time_zone_offsets z
  ON z.tenant_id = :tenantId AND sp.started_at >= z.valid_from AND sp.started_at < z.valid_to
LEFT JOIN counted_purchases cp /*M! FORCE INDEX (ix_counted_purchases_contact) */
       ON cp.tenant_id = :tenantId AND cp.contact_id = sp.contact_id AND cp.occurred_at >= sp.started_at
      AND cp.occurred_at <= DATE_ADD(sp.ended_at, INTERVAL 24 HOUR)
GROUP BY sp.session_id, sp.contact_id, sp.anonymous_id, sp.session_number, sp.started_at, sp.ended_at, z.offset_seconds,
         sp.events, sp.landing_page, sp.channel, sp.campaign
