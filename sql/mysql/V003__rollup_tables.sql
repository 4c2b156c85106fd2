-- Rollup tables read by analysts (docs/rollups.md documents grain and columns).

-- Per tenant, contact and purchase currency. A contact without purchases has one row with
-- currency '' and zero money, so every contact of the tenant appears here.
CREATE TABLE contact_value (
  tenant_id             VARCHAR(64)  NOT NULL,
  contact_id            CHAR(26)     NOT NULL,
  currency              CHAR(3)      NOT NULL,
  orders                BIGINT       NOT NULL,
  gross_minor           BIGINT       NOT NULL,
  refunds_minor         BIGINT       NOT NULL,
  net_minor             BIGINT       NOT NULL,
  first_purchase_at     DATETIME(6)  NULL,
  first_touch_at        DATETIME(6)  NULL,
  first_touch_channel   VARCHAR(255) NULL,
  first_touch_campaign  VARCHAR(255) NULL,
  last_activity_at      DATETIME(6)  NULL,
  computed_at           DATETIME(6)  NOT NULL,
  PRIMARY KEY (tenant_id, contact_id, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per tenant, touchpoint kind, touchpoint and currency: contacts with it and without it, their
-- average net value (minor units, rounded half away from zero) and the lift.
CREATE TABLE touchpoint_value (
  tenant_id              VARCHAR(64)  NOT NULL,
  kind                   VARCHAR(32)  NOT NULL,
  touchpoint             VARCHAR(255) NOT NULL,
  currency               CHAR(3)      NOT NULL,
  contacts_with          BIGINT       NOT NULL,
  avg_net_with_minor     BIGINT       NOT NULL,
  contacts_without       BIGINT       NOT NULL,
  avg_net_without_minor  BIGINT       NOT NULL,
  lift_minor             BIGINT       NOT NULL,
  computed_at            DATETIME(6)  NOT NULL,
  PRIMARY KEY (tenant_id, kind, touchpoint, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
