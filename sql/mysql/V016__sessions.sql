-- Sessions (docs/rollups.md): a visitor's events split where it was inactive longer than the session timeout,
-- their events in order, and the tenant's most common paths. sql/rollups/07_session_events.sql and
-- 08_sessions.sql recompute the sessions of the visitors a batch touched; 15_session_paths.sql the paths.
CREATE TABLE sessions (
  tenant_id       VARCHAR(64)   NOT NULL,
  session_id      CHAR(32)      NOT NULL,
  contact_id      CHAR(26)      NULL,
  anonymous_id    VARCHAR(255)  NULL,
  session_number  INT           NOT NULL,
  started_at      DATETIME(6)   NOT NULL,
  ended_at        DATETIME(6)   NOT NULL,
  local_date      DATE          NOT NULL,
  events          INT           NOT NULL,
  landing_page    VARCHAR(512)  NULL,
  channel         VARCHAR(255)  NULL,
  campaign        VARCHAR(255)  NULL,
  converted       TINYINT       NOT NULL,
  PRIMARY KEY (tenant_id, session_id),
  KEY ix_sessions_contact (tenant_id, contact_id, session_number),
  KEY ix_sessions_anonymous (tenant_id, anonymous_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE session_events (
  tenant_id     VARCHAR(64)   NOT NULL,
  session_id    CHAR(32)      NOT NULL,
  event_number  INT           NOT NULL,
  kind          VARCHAR(32)   NOT NULL,
  name          VARCHAR(512)  NOT NULL,
  occurred_at   DATETIME(6)   NOT NULL,
  PRIMARY KEY (tenant_id, session_id, event_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A path is at most five names of at most 100 characters (and four separators), so its key fits an index.
CREATE TABLE session_paths (
  tenant_id           VARCHAR(64)   NOT NULL,
  path                VARCHAR(520)  NOT NULL,
  sessions            BIGINT        NOT NULL,
  converted_sessions  BIGINT        NOT NULL,
  PRIMARY KEY (tenant_id, path)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Work tables of a run (emptied before and after it): the anonymous visitors a batch touched, the events of
-- the visitors in scope numbered into sessions, and those sessions. The resolved touches carry their source
-- and anonymous id, so a session's id and anonymous id come from its first event.
CREATE TABLE rollup_work_session_visitors (
  tenant_id     VARCHAR(64)   NOT NULL,
  anonymous_id  VARCHAR(255)  NOT NULL,
  PRIMARY KEY (tenant_id, anonymous_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_work_session_events (
  tenant_id       VARCHAR(64)   NOT NULL,
  visitor_key     VARCHAR(300)  NOT NULL,
  session_number  INT           NOT NULL,
  event_number    INT           NOT NULL,
  page_rank       INT           NOT NULL,
  contact_id      CHAR(26)      NULL,
  anonymous_id    VARCHAR(255)  NULL,
  source          VARCHAR(32)   NOT NULL,
  event_id        VARCHAR(255)  NOT NULL,
  kind            VARCHAR(32)   NOT NULL,
  name            VARCHAR(512)  NOT NULL,
  channel         VARCHAR(255)  NULL,
  campaign        VARCHAR(255)  NULL,
  occurred_at     DATETIME(6)   NOT NULL,
  PRIMARY KEY (tenant_id, visitor_key, session_number, event_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_work_sessions (
  tenant_id       VARCHAR(64)   NOT NULL,
  visitor_key     VARCHAR(300)  NOT NULL,
  session_number  INT           NOT NULL,
  session_id      CHAR(32)      NOT NULL,
  PRIMARY KEY (tenant_id, visitor_key, session_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE rollup_work_touches ADD COLUMN source VARCHAR(32) NULL AFTER event_id;
ALTER TABLE rollup_work_touches ADD COLUMN anonymous_id VARCHAR(255) NULL AFTER source;
