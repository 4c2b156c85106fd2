-- Keyed work tables of the rollups: the twin of sql/mysql/V010, same columns.

CREATE TABLE rollup_work_first_purchase (
  tenant_id          VARCHAR(64) NOT NULL,
  contact_id         CHAR(26)    NOT NULL,
  first_purchase_at  DATETIME(6) NOT NULL,
  SORT KEY (tenant_id, contact_id),
  SHARD KEY (tenant_id, contact_id)
);

CREATE TABLE rollup_work_paid_campaigns (
  tenant_id  VARCHAR(64)  NOT NULL,
  platform   VARCHAR(32)  NOT NULL,
  campaign   VARCHAR(255) NOT NULL,
  SORT KEY (tenant_id, platform, campaign),
  SHARD KEY (tenant_id, campaign)
);

-- A work table holds no rows between runs, so it is recreated with the campaign key (MySQL adds an index)
-- rather than altered.
DROP TABLE rollup_work_touches;

CREATE TABLE rollup_work_touches (
  tenant_id    VARCHAR(64)   NOT NULL,
  contact_id   CHAR(26)      NOT NULL,
  event_id     VARCHAR(255)  NOT NULL,
  kind         VARCHAR(32)   NOT NULL,
  name         VARCHAR(512)  NULL,
  url          VARCHAR(2048) NULL,
  channel      VARCHAR(255)  NULL,
  campaign     VARCHAR(255)  NULL,
  occurred_at  DATETIME(6)   NOT NULL,
  SORT KEY (tenant_id, contact_id, occurred_at),
  SHARD KEY (tenant_id, contact_id),
  KEY ix_rollup_work_touches_campaign (tenant_id, campaign) USING HASH
);

CREATE TABLE rollup_work_positions (
  tenant_id    VARCHAR(64)  NOT NULL,
  kind         VARCHAR(32)  NOT NULL,
  touchpoint   VARCHAR(255) NOT NULL,
  currency     CHAR(3)      NOT NULL,
  n            BIGINT       NOT NULL,
  others       BIGINT       NOT NULL,
  net_with     BIGINT       NOT NULL,
  net_without  BIGINT       NOT NULL,
  wj1          BIGINT       NOT NULL,
  wj2          BIGINT       NOT NULL,
  oj1          BIGINT       NOT NULL,
  oj2          BIGINT       NOT NULL,
  SORT KEY (tenant_id, kind, touchpoint, currency),
  SHARD KEY (tenant_id, kind, touchpoint)
);

CREATE TABLE rollup_work_without_ranks (
  tenant_id   VARCHAR(64)  NOT NULL,
  kind        VARCHAR(32)  NOT NULL,
  touchpoint  VARCHAR(255) NOT NULL,
  currency    CHAR(3)      NOT NULL,
  g1          BIGINT       NOT NULL,
  g2          BIGINT       NOT NULL,
  SORT KEY (tenant_id, kind, touchpoint, currency),
  SHARD KEY (tenant_id, kind, touchpoint)
);
