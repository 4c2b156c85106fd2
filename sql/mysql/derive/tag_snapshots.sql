-- The tag changes a batch's snapshot listings mean (tag_snapshots, sql/mysql/V015), appended to
-- tag_applications with the batch's id: for each contact and source the batch listed, its latest listing in
-- the batch against what it holds from that source (the sum of its applications and removals of each tag
-- that source ever listed for it): a listed tag it does not hold exactly once gets what brings it to 1 (+1 for a
-- tag not held; a negative sign for one a source of changes restated, such as a Salesforce membership each
-- weekly export applies again at its CreatedDate), at the listing's time; a tag the listing does not have gets
-- what brings it to 0 (a removal). After a listing each tag it could name is held once or not at all, so the
-- sums stay small whatever the number of exports. Tags of the same source that no listing ever
-- named (a HubSpot list membership) are not the snapshot's and stay as they are. Runs once per batch, all of
-- these statements on one connection in one transaction (TagSnapshotChanges records it in load_ledger in the
-- same transaction). :tenantId, :batchId, :derivedFile.
--
-- Each intermediate set is computed once into a temporary table keyed for the joins that read it: as common
-- table expressions of one statement, MariaDB computed each set again wherever it was named and joined the
-- tenant's tag_applications to them by a block nested loop, which grows with the product of the two.

DROP TEMPORARY TABLE IF EXISTS derive_listed, derive_listed_tags, derive_snapshot_tags, derive_held;

-- The latest listing of each contact and source in the batch.
CREATE TEMPORARY TABLE derive_listed (
  contact_id   CHAR(26)     NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  observed_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (contact_id, source)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- (An upsert keeping the later time rather than a GROUP BY, whose grouping table spilled to disk and took three
-- times as long with a million listings.)
INSERT INTO derive_listed (contact_id, source, observed_at)
SELECT contact_id, source, observed_at
FROM tag_snapshots
WHERE tenant_id = :tenantId AND batch_id = :batchId
ON DUPLICATE KEY UPDATE observed_at = GREATEST(derive_listed.observed_at, VALUES(observed_at));

-- The tags of those latest listings.
CREATE TEMPORARY TABLE derive_listed_tags (
  contact_id   CHAR(26)     NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  tag          VARCHAR(255) NOT NULL,
  observed_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (contact_id, source, tag)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO derive_listed_tags (contact_id, source, tag, observed_at)
SELECT s.contact_id, s.source, s.tag, l.observed_at
FROM tag_snapshots s
JOIN derive_listed l ON l.contact_id = s.contact_id AND l.source = s.source AND l.observed_at = s.observed_at
WHERE s.tenant_id = :tenantId AND s.batch_id = :batchId AND s.tag <> ''
ON DUPLICATE KEY UPDATE observed_at = VALUES(observed_at);

-- Every tag any listing of those contacts and sources ever named, in this batch or an earlier one.
CREATE TEMPORARY TABLE derive_snapshot_tags (
  contact_id   CHAR(26)     NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  tag          VARCHAR(255) NOT NULL,
  PRIMARY KEY (contact_id, source, tag)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO derive_snapshot_tags (contact_id, source, tag)
SELECT s.contact_id, s.source, s.tag
FROM derive_listed l
STRAIGHT_JOIN tag_snapshots s ON s.tenant_id = :tenantId AND s.contact_id = l.contact_id AND s.source = l.source
WHERE s.tag <> ''
ON DUPLICATE KEY UPDATE tag = VALUES(tag);

-- What the contact holds of each of those tags from that source: one index lookup into tag_applications per tag
-- (STRAIGHT_JOIN: statistics taken while the tenant had no tags must not turn it into a scan of the tenant).
CREATE TEMPORARY TABLE derive_held (
  contact_id   CHAR(26)     NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  tag          VARCHAR(255) NOT NULL,
  net          INT          NOT NULL,
  PRIMARY KEY (contact_id, source, tag)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO derive_held (contact_id, source, tag, net)
SELECT st.contact_id, st.source, st.tag, SUM(ta.sign)
FROM derive_snapshot_tags st
STRAIGHT_JOIN tag_applications ta
  ON ta.tenant_id = :tenantId AND ta.tag = st.tag AND ta.contact_id = st.contact_id AND ta.source = st.source
GROUP BY st.contact_id, st.source, st.tag;

-- A listed tag not held exactly once: what brings it to 1, at the listing's time.
INSERT INTO tag_applications (tenant_id, contact_id, tag, sign, occurred_at, source, source_ref, batch_id, staged_file)
SELECT :tenantId, lt.contact_id, lt.tag, 1 - COALESCE(h.net, 0), lt.observed_at, lt.source, 'snapshot', :batchId,
       :derivedFile
FROM derive_listed_tags lt
LEFT JOIN derive_held h ON h.contact_id = lt.contact_id AND h.source = lt.source AND h.tag = lt.tag
WHERE h.net IS NULL OR h.net <> 1;

-- A held tag the latest listing no longer has: what brings it to 0, at the listing's time.
INSERT INTO tag_applications (tenant_id, contact_id, tag, sign, occurred_at, source, source_ref, batch_id, staged_file)
SELECT :tenantId, h.contact_id, h.tag, -h.net, l.observed_at, h.source, 'snapshot', :batchId, :derivedFile
FROM derive_held h
JOIN derive_listed l ON l.contact_id = h.contact_id AND l.source = h.source
LEFT JOIN derive_listed_tags lt ON lt.contact_id = h.contact_id AND lt.source = h.source AND lt.tag = h.tag
WHERE h.net <> 0 AND lt.tag IS NULL;

DROP TEMPORARY TABLE derive_listed, derive_listed_tags, derive_snapshot_tags, derive_held;
