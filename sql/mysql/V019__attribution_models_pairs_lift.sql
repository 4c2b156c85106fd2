-- Multi-touch attribution, the value of pairs of touchpoints, and an interval around each lift
-- (sql/rollups/05, 10, 13 and 18; docs/rollups.md). The rollup tables below are derived: they are
-- built again empty, and the next rollup run rebuilds every tenant (its SQL digest changed).

-- contact_attribution: one row per customer, model and credited channel and campaign (linear,
-- position_based and time_decay credit several); credit_ppm is the share of the customer's credit in
-- millionths, summing to 1,000,000 per customer and model.
DROP TABLE contact_attribution;

CREATE TABLE contact_attribution (
  tenant_id   VARCHAR(64)  NOT NULL,
  contact_id  CHAR(26)     NOT NULL,
  model       VARCHAR(16)  NOT NULL,
  channel     VARCHAR(255) NOT NULL,
  campaign    VARCHAR(255) NOT NULL,
  touched_at  DATETIME(6)  NULL,
  credit_ppm  BIGINT       NOT NULL,
  PRIMARY KEY (tenant_id, contact_id, model, channel, campaign)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- attribution and its sums: credited contacts and purchases are fractional (six decimals, exact sums of
-- the customers' millionths); revenue stays integer minor units.
DROP TABLE attribution;

CREATE TABLE attribution (
  tenant_id      VARCHAR(64)    NOT NULL,
  model          VARCHAR(16)    NOT NULL,
  channel        VARCHAR(255)   NOT NULL,
  campaign       VARCHAR(255)   NOT NULL,
  currency       CHAR(3)        NOT NULL,
  contacts       DECIMAL(24,6)  NOT NULL,
  purchases      DECIMAL(24,6)  NOT NULL,
  revenue_minor  BIGINT         NOT NULL,
  spend_minor    BIGINT         NOT NULL,
  cpa_minor      BIGINT         NULL,
  roas           DECIMAL(18,4)  NULL,
  computed_at    DATETIME(6)    NOT NULL,
  PRIMARY KEY (tenant_id, model, channel, campaign, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

DROP TABLE rollup_work_attribution;

DROP TABLE rollup_sum_attribution;

CREATE TABLE rollup_sum_attribution (
  tenant_id      VARCHAR(64)    NOT NULL,
  model          VARCHAR(16)    NOT NULL,
  channel        VARCHAR(255)   NOT NULL,
  campaign       VARCHAR(255)   NOT NULL,
  currency       CHAR(3)        NOT NULL,
  contacts       DECIMAL(24,6)  NOT NULL,
  purchases      DECIMAL(24,6)  NOT NULL,
  revenue_minor  BIGINT         NOT NULL,
  PRIMARY KEY (tenant_id, model, channel, campaign, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_work_attribution LIKE rollup_sum_attribution;

-- touchpoint_value: a 95% interval (Welch) for the difference of the two groups' means, NULL when a
-- group has fewer than two contacts; its work table keeps the sums of squares beside the sums.
ALTER TABLE touchpoint_value ADD COLUMN lift_ci_low_minor BIGINT NULL AFTER lift_minor;
ALTER TABLE touchpoint_value ADD COLUMN lift_ci_high_minor BIGINT NULL AFTER lift_ci_low_minor;

ALTER TABLE rollup_work_positions ADD COLUMN sq_with DECIMAL(38,0) NOT NULL DEFAULT 0 AFTER net_without;
ALTER TABLE rollup_work_positions ADD COLUMN sq_without DECIMAL(38,0) NOT NULL DEFAULT 0 AFTER sq_with;

-- Per tenant, pair of touchpoints among its most reached ones and currency: contacts with both and the
-- others, their average net, and the lift. touchpoint_a is the more reached of the two.
CREATE TABLE touchpoint_pair_value (
  tenant_id                   VARCHAR(64)  NOT NULL,
  kind_a                      VARCHAR(32)  NOT NULL,
  touchpoint_a                VARCHAR(255) NOT NULL,
  kind_b                      VARCHAR(32)  NOT NULL,
  touchpoint_b                VARCHAR(255) NOT NULL,
  currency                    CHAR(3)      NOT NULL,
  contacts_with_both          BIGINT       NOT NULL,
  avg_net_with_both_minor     BIGINT       NOT NULL,
  contacts_without_both       BIGINT       NOT NULL,
  avg_net_without_both_minor  BIGINT       NOT NULL,
  lift_minor                  BIGINT       NOT NULL,
  computed_at                 DATETIME(6)  NOT NULL,
  PRIMARY KEY (tenant_id, kind_a, touchpoint_a, kind_b, touchpoint_b, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- touchpoint_pair_value (18): the tenant's most reached touchpoints, numbered by reach, and each counted
-- contact's pairs of them, during one run (keyed by pair and by contact).
CREATE TABLE rollup_work_top_touchpoints (
  tenant_id   VARCHAR(64)  NOT NULL,
  rn          BIGINT       NOT NULL,
  kind        VARCHAR(32)  NOT NULL,
  touchpoint  VARCHAR(255) NOT NULL,
  PRIMARY KEY (tenant_id, rn),
  UNIQUE KEY uq_rollup_work_top_touchpoints (tenant_id, kind, touchpoint)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_work_pair_holders (
  tenant_id   VARCHAR(64)  NOT NULL,
  rn_a        BIGINT       NOT NULL,
  rn_b        BIGINT       NOT NULL,
  contact_id  CHAR(26)     NOT NULL,
  PRIMARY KEY (tenant_id, rn_a, rn_b, contact_id),
  KEY ix_rollup_work_pair_holders_contact (tenant_id, contact_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
