-- A snapshot source (a HubSpot contacts export or API page) states each listed contact's whole current tag
-- set. Its rows land here, one per listed contact and tag plus one with the empty tag per listed contact (a
-- contact listed without tags is a listing too), and sql/mysql/derive/tag_snapshots.sql turns a batch's
-- listings into tag_applications: +1 for a listed tag the contact does not hold from that source, a removal
-- (a negative sign) for a tag it holds from that source that its latest listing no longer has.
CREATE TABLE tag_snapshots (
  tenant_id    VARCHAR(64)  NOT NULL,
  contact_id   CHAR(26)     NOT NULL,
  tag          VARCHAR(255) NOT NULL,
  observed_at  DATETIME(6)  NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  source_ref   VARCHAR(600) NULL,
  batch_id     VARCHAR(64)  NOT NULL,
  staged_file  VARCHAR(512) NOT NULL,
  KEY ix_tag_snapshots_contact (tenant_id, contact_id, source, tag),
  KEY ix_tag_snapshots_batch (tenant_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
