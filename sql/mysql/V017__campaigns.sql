-- The names of a source's campaigns (a Salesforce Campaign export or API record), so reports can show a
-- campaign tag (campaign:<id>) by its name. Append-only: one row per campaign, name and modification time
-- (observed_at, the source's LastModifiedDate), so the same record loaded again (a weekly export, an API
-- lookback) is skipped (INSERT IGNORE) and a rename is a new row. A campaign's name is that of its row with
-- the latest observed_at.
CREATE TABLE campaigns (
  tenant_id    VARCHAR(64)  NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  campaign_id  VARCHAR(64)  NOT NULL,
  name         VARCHAR(255) NOT NULL,
  observed_at  DATETIME(6)  NOT NULL,
  source_ref   VARCHAR(600) NULL,
  batch_id     VARCHAR(64)  NOT NULL,
  staged_file  VARCHAR(512) NOT NULL,
  UNIQUE KEY uq_campaigns_name (tenant_id, source, campaign_id, name, observed_at),
  KEY ix_campaigns_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
