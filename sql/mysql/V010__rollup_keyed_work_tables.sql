-- Intermediate results that common table expressions recomputed at every reference and joined by block
-- nested loops (a full scan of one side per buffer of the other), so a statement's time depended on the
-- optimizer's estimate of freshly filled work tables. As keyed work tables each is computed once, and every
-- join to it is a key lookup whichever side the optimizer starts from (docs/performance.md).

-- contact_touchpoints (04): each scoped contact's first counted purchase, and the tenant's paid campaigns;
-- the index on rollup_work_touches lets a paid campaign find its touches.
CREATE TABLE rollup_work_first_purchase (
  tenant_id          VARCHAR(64) NOT NULL,
  contact_id         CHAR(26)    NOT NULL,
  first_purchase_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, contact_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_work_paid_campaigns (
  tenant_id  VARCHAR(64)  NOT NULL,
  platform   VARCHAR(32)  NOT NULL,
  campaign   VARCHAR(255) NOT NULL,
  PRIMARY KEY (tenant_id, platform, campaign)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_rollup_work_touches_campaign ON rollup_work_touches (tenant_id, campaign);

-- touchpoint_value (10): the groups, computed once, then read by key.

-- Per touchpoint and currency: the holders (n) and the others, their nets, and which non-zero value each of
-- the two middle positions of either group is (0 for a position among the zeros).
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
  PRIMARY KEY (tenant_id, kind, touchpoint, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The ranks g1 and g2, among every counted contact's non-zero nets, of the others' two middle values.
CREATE TABLE rollup_work_without_ranks (
  tenant_id   VARCHAR(64)  NOT NULL,
  kind        VARCHAR(32)  NOT NULL,
  touchpoint  VARCHAR(255) NOT NULL,
  currency    CHAR(3)      NOT NULL,
  g1          BIGINT       NOT NULL,
  g2          BIGINT       NOT NULL,
  PRIMARY KEY (tenant_id, kind, touchpoint, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
