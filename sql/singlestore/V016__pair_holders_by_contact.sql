-- touchpoint_pair_value (18) reads each counted contact's top touchpoints from a narrow table keyed by
-- contact, and pairs them by joining it to itself on that key (see the MySQL migration V020).
DROP TABLE rollup_work_pair_holders;

CREATE TABLE rollup_work_top_holders (
  tenant_id   VARCHAR(64)  NOT NULL,
  contact_id  CHAR(26)     NOT NULL,
  rn          BIGINT       NOT NULL,
  SORT KEY (tenant_id, contact_id, rn),
  SHARD KEY (tenant_id, contact_id)
);
