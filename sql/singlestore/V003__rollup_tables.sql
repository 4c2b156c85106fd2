-- Rollup tables read by analysts, SingleStore dialect (grain and columns as sql/mysql/V003). The
-- rollup runner deletes a tenant's rows and inserts them again, so the unique keys only guard the
-- grain; each contains its table's shard key.

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
  SORT KEY (tenant_id, first_purchase_at),
  SHARD KEY (tenant_id, contact_id),
  UNIQUE KEY uq_contact_value (tenant_id, contact_id, currency) USING HASH
) AUTOSTATS_ENABLED = TRUE;

-- Small (tenants x touchpoints x currencies) and read whole by analysts and reports: a reference
-- table, replicated to every node, so reads never leave the node that serves them.
CREATE REFERENCE TABLE touchpoint_value (
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
  SORT KEY (tenant_id, computed_at),
  PRIMARY KEY (tenant_id, kind, touchpoint, currency) USING HASH
) AUTOSTATS_ENABLED = TRUE;
