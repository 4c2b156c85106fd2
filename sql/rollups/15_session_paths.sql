-- scope: tenant
-- session_paths: how the tenant's sessions move through its product. A session's path is the names of its
-- first five events (session_events), each cut to 100 characters, joined by ' > ' (a session with fewer
-- events has a shorter path); sessions counts the sessions with that path, converted_sessions the converted
-- ones. Recomputed from sessions and session_events (no fact scans).
INSERT INTO session_paths (tenant_id, path, sessions, converted_sessions)
SELECT :tenantId, path, COUNT(*), SUM(converted)
FROM (
  SELECT s.session_id, MAX(s.converted) AS converted,
         CONCAT_WS(' > ', MAX(CASE WHEN e.event_number = 1 THEN LEFT(e.name, 100) END),
                          MAX(CASE WHEN e.event_number = 2 THEN LEFT(e.name, 100) END),
                          MAX(CASE WHEN e.event_number = 3 THEN LEFT(e.name, 100) END),
                          MAX(CASE WHEN e.event_number = 4 THEN LEFT(e.name, 100) END),
                          MAX(CASE WHEN e.event_number = 5 THEN LEFT(e.name, 100) END)) AS path
  FROM sessions s
  JOIN session_events e ON e.tenant_id = s.tenant_id AND e.session_id = s.session_id AND e.event_number <= 5
  WHERE s.tenant_id = :tenantId
  GROUP BY s.session_id
) session_path
GROUP BY path
