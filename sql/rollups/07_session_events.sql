-- scope: visitor
-- session_events: the events of each session, numbered in time order (ties by event id, then source).
-- A visitor is a contact (its touchpoints resolved as in 03: the contact a touchpoint names, else its user
-- id's, else its anonymous id's, so an anonymous id identified later brings every event it had, also those
-- before the identify, to the contact) or, for events no identity resolves, their anonymous id. A visitor's
-- events (order attributions, which are a purchase's record and not a visit, left out) split into sessions
-- where the gap to the previous event is longer than :sessionTimeoutSeconds (a gap of exactly the timeout
-- continues the session; local midnight is no break). An event with neither a contact nor an anonymous id
-- is in no session until an identity resolves it.
-- A session's id is a digest of the tenant, its visitor and its first event (source and id), so a rebuild
-- and an incremental run name it alike; a late event before it starts a session with another id.
-- An event's name: a page's URL path without scheme, host, query string or fragment (its name without a
-- URL), any other's name; the kind when it has none.
-- Visitor scope: an incremental run recomputes every session of the contacts in rollup_scope and of the
-- anonymous visitors the batch touched (rollup_work_session_visitors: anonymous ids of its unresolved
-- events, of the identities it loaded, and of the events whose user id such an identity links), deleting
-- their rows and inserting them again from all their events, so a late event can merge or split sessions
-- and an identify moves an anonymous visitor's sessions to its contact. 08 does the same for sessions.
-- Six statements: the anonymous visitors in scope; their events and the contacts' (rollup_work_touches)
-- numbered into sessions (rollup_work_session_events); each session's id (rollup_work_sessions); the
-- scoped contacts' and anonymous visitors' old rows out (found through sessions, which 08 replaces after this
-- file; a join from the scope, so a batch reaches its visitors' rows by key); the rows.
INSERT INTO rollup_work_session_visitors (tenant_id, anonymous_id)
SELECT :tenantId, v.anonymous_id
FROM (
  SELECT t.anonymous_id
  FROM touchpoints t
  LEFT JOIN contact_identities iu
         ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
  LEFT JOIN contact_identities ia
         ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
  WHERE t.tenant_id = :tenantId AND t.batch_id = :batchId AND :rebuild = 0 AND t.anonymous_id IS NOT NULL
    AND COALESCE(t.contact_id, iu.contact_id, ia.contact_id) IS NULL
  UNION
  SELECT external_id FROM contact_identities
  WHERE tenant_id = :tenantId AND batch_id = :batchId AND :rebuild = 0 AND id_type = 'anonymous_id'
  UNION
  SELECT t.anonymous_id
  FROM contact_identities ni
  JOIN touchpoints t ON t.tenant_id = ni.tenant_id AND t.user_id = ni.external_id AND t.source = ni.source
  WHERE ni.tenant_id = :tenantId AND ni.batch_id = :batchId AND :rebuild = 0 AND ni.id_type = 'user_id'
    AND t.anonymous_id IS NOT NULL
) v;

INSERT INTO rollup_work_session_events (tenant_id, visitor_key, session_number, event_number, page_rank, contact_id,
                                        anonymous_id, source, event_id, kind, name, channel, campaign, occurred_at)
SELECT :tenantId, visitor_key, session_number,
       ROW_NUMBER() OVER (PARTITION BY visitor_key, session_number ORDER BY occurred_at, event_id, source),
       ROW_NUMBER() OVER (PARTITION BY visitor_key, session_number, CASE WHEN kind = 'page' THEN 0 ELSE 1 END
                          ORDER BY occurred_at, event_id, source),
       contact_id, anonymous_id, source, event_id, kind, name, channel, campaign, occurred_at
FROM (
  SELECT visitor_key, contact_id, anonymous_id, source, event_id, kind, name, channel, campaign, occurred_at,
         SUM(starts) OVER (PARTITION BY visitor_key ORDER BY occurred_at, event_id, source
                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_number
  FROM (
    SELECT visitor_key, contact_id, anonymous_id, source, event_id, kind, channel, campaign, occurred_at,
           LEFT(COALESCE(NULLIF(CASE WHEN kind <> 'page' OR bare_url IS NULL OR bare_url = '' THEN name
                                     WHEN LOCATE('://', bare_url) = 0 THEN bare_url
                                     WHEN LOCATE('/', SUBSTRING(bare_url, LOCATE('://', bare_url) + 3)) = 0 THEN '/'
                                     ELSE SUBSTRING(SUBSTRING(bare_url, LOCATE('://', bare_url) + 3),
                                                    LOCATE('/', SUBSTRING(bare_url, LOCATE('://', bare_url) + 3))) END,
                                ''), kind), 512) AS name,
           CASE WHEN LAG(occurred_at) OVER (PARTITION BY visitor_key ORDER BY occurred_at, event_id, source) IS NULL
                  OR occurred_at > DATE_ADD(LAG(occurred_at) OVER (PARTITION BY visitor_key ORDER BY occurred_at, event_id, source),
                                            INTERVAL :sessionTimeoutSeconds SECOND)
                THEN 1 ELSE 0 END AS starts
    FROM (
      SELECT CONCAT('c:', rt.contact_id) AS visitor_key, rt.contact_id, rt.anonymous_id, rt.source, rt.event_id, rt.kind,
             rt.name, SUBSTRING_INDEX(SUBSTRING_INDEX(rt.url, '?', 1), '#', 1) AS bare_url, LOWER(rt.channel) AS channel,
             rt.campaign, rt.occurred_at
      FROM rollup_work_touches rt
      WHERE rt.tenant_id = :tenantId AND rt.kind <> 'order_attribution'
      UNION ALL
      -- anonymous visitors: every unresolved event of the tenant in a rebuild, the scoped ones' by key in a batch
      SELECT CONCAT('a:', t.anonymous_id), NULL, t.anonymous_id, t.source, t.event_id, t.kind, t.name,
             SUBSTRING_INDEX(SUBSTRING_INDEX(t.url, '?', 1), '#', 1), LOWER(t.channel), t.campaign, t.occurred_at
      FROM touchpoints t
      LEFT JOIN contact_identities iu
             ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
      LEFT JOIN contact_identities ia
             ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
      WHERE t.tenant_id = :tenantId AND :rebuild = 1 AND t.anonymous_id IS NOT NULL AND t.kind <> 'order_attribution'
        AND COALESCE(t.contact_id, iu.contact_id, ia.contact_id) IS NULL
      UNION ALL
      SELECT CONCAT('a:', t.anonymous_id), NULL, t.anonymous_id, t.source, t.event_id, t.kind, t.name,
             SUBSTRING_INDEX(SUBSTRING_INDEX(t.url, '?', 1), '#', 1), LOWER(t.channel), t.campaign, t.occurred_at
      FROM rollup_work_session_visitors v
      JOIN touchpoints t ON t.tenant_id = v.tenant_id AND t.anonymous_id = v.anonymous_id
      LEFT JOIN contact_identities iu
             ON iu.tenant_id = t.tenant_id AND iu.source = t.source AND iu.id_type = 'user_id' AND iu.external_id = t.user_id
      LEFT JOIN contact_identities ia
             ON ia.tenant_id = t.tenant_id AND ia.source = t.source AND ia.id_type = 'anonymous_id' AND ia.external_id = t.anonymous_id
      WHERE v.tenant_id = :tenantId AND :rebuild = 0 AND t.kind <> 'order_attribution'
        AND COALESCE(t.contact_id, iu.contact_id, ia.contact_id) IS NULL
    ) visitor_events
  ) gaps
) numbered;

INSERT INTO rollup_work_sessions (tenant_id, visitor_key, session_number, session_id)
SELECT :tenantId, visitor_key, session_number,
       LEFT(SHA2(CONCAT_WS(CHAR(0), :tenantId, visitor_key, source, event_id), 256), 32)
FROM rollup_work_session_events
WHERE tenant_id = :tenantId AND event_number = 1;

DELETE e
FROM rollup_scope sc
JOIN sessions s ON s.tenant_id = sc.tenant_id AND s.contact_id = sc.contact_id
JOIN session_events e ON e.tenant_id = s.tenant_id AND e.session_id = s.session_id
WHERE sc.tenant_id = :tenantId;

DELETE e
FROM rollup_work_session_visitors v
JOIN sessions s ON s.tenant_id = v.tenant_id AND s.anonymous_id = v.anonymous_id
JOIN session_events e ON e.tenant_id = s.tenant_id AND e.session_id = s.session_id
WHERE v.tenant_id = :tenantId AND s.contact_id IS NULL;

INSERT INTO session_events (tenant_id, session_id, event_number, kind, name, occurred_at)
SELECT :tenantId, ws.session_id, e.event_number, e.kind, e.name, e.occurred_at
FROM rollup_work_session_events e
JOIN rollup_work_sessions ws
  ON ws.tenant_id = e.tenant_id AND ws.visitor_key = e.visitor_key AND ws.session_number = e.session_number
WHERE e.tenant_id = :tenantId
