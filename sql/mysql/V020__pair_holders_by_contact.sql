-- touchpoint_pair_value (18) reads each counted contact's top touchpoints from a narrow table keyed by
-- contact, and pairs them by joining it to itself on that key. The per-contact pair rows it replaces were
-- written and deleted inside every run: at 1,000,000 tag applications, 1.5M rows keyed by 1.4 KB
-- touchpoint keys took most of the 86-153 s the file spent.
DROP TABLE rollup_work_pair_holders;

CREATE TABLE rollup_work_top_holders (
  tenant_id   VARCHAR(64)  NOT NULL,
  contact_id  CHAR(26)     NOT NULL,
  rn          BIGINT       NOT NULL,
  PRIMARY KEY (tenant_id, contact_id, rn)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
