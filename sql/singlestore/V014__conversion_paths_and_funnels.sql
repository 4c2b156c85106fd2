-- Conversion paths, funnel steps, the funnel definitions and their work tables: the twin of sql/mysql/V018,
-- same columns.
CREATE TABLE conversion_paths (
  tenant_id      VARCHAR(64)   NOT NULL,
  path           VARCHAR(600)  NOT NULL,
  currency       CHAR(3)       NOT NULL,
  customers      BIGINT        NOT NULL,
  revenue_minor  BIGINT        NOT NULL,
  SORT KEY (tenant_id, path),
  SHARD KEY (tenant_id, path),
  UNIQUE KEY uq_conversion_paths (tenant_id, path, currency) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE TABLE funnel_steps (
  tenant_id                    VARCHAR(64)   NOT NULL,
  funnel                       VARCHAR(64)   NOT NULL,
  step_number                  INT           NOT NULL,
  step                         VARCHAR(300)  NOT NULL,
  contacts                     BIGINT        NOT NULL,
  conversion                   DECIMAL(9,4)  NULL,
  median_seconds_from_previous BIGINT        NULL,
  SORT KEY (tenant_id, funnel, step_number),
  SHARD KEY (tenant_id, funnel),
  UNIQUE KEY uq_funnel_steps (tenant_id, funnel, step_number) USING HASH
) AUTOSTATS_ENABLED = TRUE;

CREATE ROWSTORE REFERENCE TABLE funnel_definitions (
  tenant_id       VARCHAR(64)   NOT NULL,
  funnel          VARCHAR(64)   NOT NULL,
  step_number     INT           NOT NULL,
  step            VARCHAR(300)  NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  name            VARCHAR(255)  NOT NULL,
  window_seconds  BIGINT        NOT NULL,
  PRIMARY KEY (tenant_id, funnel, step_number)
);

CREATE TABLE rollup_work_funnel_events (
  tenant_id    VARCHAR(64)   NOT NULL,
  funnel       VARCHAR(64)   NOT NULL,
  step_number  INT           NOT NULL,
  contact_id   CHAR(26)      NOT NULL,
  seq          BIGINT        NOT NULL,
  occurred_at  DATETIME(6)   NOT NULL,
  SORT KEY (tenant_id, funnel, step_number, contact_id, seq),
  SHARD KEY (tenant_id, contact_id)
);

CREATE TABLE rollup_work_funnel_reached (
  tenant_id              VARCHAR(64)   NOT NULL,
  funnel                 VARCHAR(64)   NOT NULL,
  step_number            INT           NOT NULL,
  contact_id             CHAR(26)      NOT NULL,
  seq                    BIGINT        NOT NULL,
  occurred_at            DATETIME(6)   NOT NULL,
  seconds_from_previous  BIGINT        NULL,
  SORT KEY (tenant_id, funnel, step_number, contact_id),
  SHARD KEY (tenant_id, contact_id)
);
