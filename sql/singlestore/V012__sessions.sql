-- Sessions, their events and paths, and their work tables: the twin of sql/mysql/V016, same columns.
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
  SORT KEY (tenant_id, started_at),
  SHARD KEY (tenant_id, session_id),
  UNIQUE KEY uq_sessions (tenant_id, session_id) USING HASH,
  KEY ix_sessions_contact (tenant_id, contact_id) USING HASH,
  KEY ix_sessions_anonymous (tenant_id, anonymous_id) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE session_events (
  tenant_id     VARCHAR(64)   NOT NULL,
  session_id    CHAR(32)      NOT NULL,
  event_number  INT           NOT NULL,
  kind          VARCHAR(32)   NOT NULL,
  name          VARCHAR(512)  NOT NULL,
  occurred_at   DATETIME(6)   NOT NULL,
  SORT KEY (tenant_id, session_id, event_number),
  SHARD KEY (tenant_id, session_id),
  UNIQUE KEY uq_session_events (tenant_id, session_id, event_number) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE session_paths (
  tenant_id           VARCHAR(64)   NOT NULL,
  path                VARCHAR(520)  NOT NULL,
  sessions            BIGINT        NOT NULL,
  converted_sessions  BIGINT        NOT NULL,
  SORT KEY (tenant_id, path),
  SHARD KEY (tenant_id, path),
  UNIQUE KEY uq_session_paths (tenant_id, path) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE rollup_work_session_visitors (
  tenant_id     VARCHAR(64)   NOT NULL,
  anonymous_id  VARCHAR(255)  NOT NULL,
  SORT KEY (tenant_id, anonymous_id),
  SHARD KEY (tenant_id, anonymous_id)
);

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
  SORT KEY (tenant_id, visitor_key, session_number, event_number),
  SHARD KEY (tenant_id, visitor_key)
);

CREATE TABLE rollup_work_sessions (
  tenant_id       VARCHAR(64)   NOT NULL,
  visitor_key     VARCHAR(300)  NOT NULL,
  session_number  INT           NOT NULL,
  session_id      CHAR(32)      NOT NULL,
  SORT KEY (tenant_id, visitor_key, session_number),
  SHARD KEY (tenant_id, visitor_key)
);

ALTER TABLE rollup_work_touches ADD COLUMN source VARCHAR(32) NULL;
ALTER TABLE rollup_work_touches ADD COLUMN anonymous_id VARCHAR(255) NULL;
