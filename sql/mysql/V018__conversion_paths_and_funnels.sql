-- Conversion paths and funnels (docs/rollups.md): the channels of a customer's sessions up to its first counted
-- purchase, and how many contacts pass each step of the funnels declared in configuration.
-- sql/rollups/16_conversion_paths.sql and 17_funnel_steps.sql recompute both from sessions, session_events and
-- counted_purchases on every run.
-- A path is at most seven steps of at most 81 characters (and six separators), so its key fits an index.
CREATE TABLE conversion_paths (
  tenant_id      VARCHAR(64)   NOT NULL,
  path           VARCHAR(600)  NOT NULL,
  currency       CHAR(3)       NOT NULL,
  customers      BIGINT        NOT NULL,
  revenue_minor  BIGINT        NOT NULL,
  PRIMARY KEY (tenant_id, path, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE funnel_steps (
  tenant_id                    VARCHAR(64)   NOT NULL,
  funnel                       VARCHAR(64)   NOT NULL,
  step_number                  INT           NOT NULL,
  step                         VARCHAR(300)  NOT NULL,
  contacts                     BIGINT        NOT NULL,
  conversion                   DECIMAL(9,4)  NULL,
  median_seconds_from_previous BIGINT        NULL,
  PRIMARY KEY (tenant_id, funnel, step_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The funnels of touchpoint.funnels.* as data, written by the rollup run (its tenant's rows replaced in its
-- transaction), so the funnel SQL joins them: one row per step; kind page, event or purchase; name '' for a
-- purchase; the window in seconds on every step row.
CREATE TABLE funnel_definitions (
  tenant_id       VARCHAR(64)   NOT NULL,
  funnel          VARCHAR(64)   NOT NULL,
  step_number     INT           NOT NULL,
  step            VARCHAR(300)  NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  name            VARCHAR(255)  NOT NULL,
  window_seconds  BIGINT        NOT NULL,
  PRIMARY KEY (tenant_id, funnel, step_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Work tables of a run (emptied before and after it): each contact's events and purchases that match a funnel
-- step, numbered in the contact's time order per funnel (seq), and the event each contact reached each step with.
CREATE TABLE rollup_work_funnel_events (
  tenant_id    VARCHAR(64)   NOT NULL,
  funnel       VARCHAR(64)   NOT NULL,
  step_number  INT           NOT NULL,
  contact_id   CHAR(26)      NOT NULL,
  seq          BIGINT        NOT NULL,
  occurred_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (tenant_id, funnel, step_number, contact_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_work_funnel_reached (
  tenant_id              VARCHAR(64)   NOT NULL,
  funnel                 VARCHAR(64)   NOT NULL,
  step_number            INT           NOT NULL,
  contact_id             CHAR(26)      NOT NULL,
  seq                    BIGINT        NOT NULL,
  occurred_at            DATETIME(6)   NOT NULL,
  seconds_from_previous  BIGINT        NULL,
  PRIMARY KEY (tenant_id, funnel, step_number, contact_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
