-- SingleStore: the tag changes a batch's snapshot listings mean (tag_snapshots, sql/singlestore/V011), appended to
-- tag_applications with the batch's id: for each contact and source the batch listed, its latest listing in
-- the batch against what it holds from that source (the sum of its applications and removals of each tag
-- that source ever listed for it): a listed tag it does not hold exactly once gets what brings it to 1 (+1 for a
-- tag not held; a negative sign for one a source of changes restated, such as a Salesforce membership each
-- weekly export applies again at its CreatedDate), at the listing's time; a tag the listing does not have gets
-- what brings it to 0 (a removal). After a listing each tag it could name is held once or not at all, so the
-- sums stay small whatever the number of exports. Tags of the same source that no listing ever
-- named (a HubSpot list membership) are not the snapshot's and stay as they are. Runs once per batch
-- (TagSnapshotChanges records it in load_ledger in the same transaction). :tenantId, :batchId, :derivedFile.
-- One statement, since SingleStore refuses DROP TEMPORARY TABLE inside a transaction that has written: the
-- MySQL/MariaDB file (sql/mysql/derive/tag_snapshots.sql) computes the same sets into temporary tables.
INSERT INTO tag_applications (tenant_id, contact_id, tag, sign, occurred_at, source, source_ref, batch_id, staged_file)
WITH listed AS (
  SELECT contact_id, source, MAX(observed_at) AS observed_at
  FROM tag_snapshots
  WHERE tenant_id = :tenantId AND batch_id = :batchId
  GROUP BY contact_id, source
),
listed_tags AS (
  SELECT DISTINCT s.contact_id, s.source, s.tag, l.observed_at
  FROM listed l
  JOIN tag_snapshots s
    ON s.tenant_id = :tenantId AND s.batch_id = :batchId AND s.contact_id = l.contact_id AND s.source = l.source
   AND s.observed_at = l.observed_at
  WHERE s.tag <> ''
),
snapshot_tags AS (
  SELECT DISTINCT s.contact_id, s.source, s.tag
  FROM listed l
  JOIN tag_snapshots s ON s.tenant_id = :tenantId AND s.contact_id = l.contact_id AND s.source = l.source
  WHERE s.tag <> ''
),
held AS (
  SELECT st.contact_id, st.source, st.tag, SUM(ta.sign) AS net
  FROM snapshot_tags st
  JOIN tag_applications ta
    ON ta.tenant_id = :tenantId AND ta.contact_id = st.contact_id AND ta.source = st.source AND ta.tag = st.tag
  GROUP BY st.contact_id, st.source, st.tag
)
SELECT :tenantId, lt.contact_id, lt.tag, 1 - COALESCE(h.net, 0), lt.observed_at, lt.source, 'snapshot', :batchId,
       :derivedFile
FROM listed_tags lt
LEFT JOIN held h ON h.contact_id = lt.contact_id AND h.source = lt.source AND h.tag = lt.tag
WHERE h.net IS NULL OR h.net <> 1
UNION ALL
SELECT :tenantId, h.contact_id, h.tag, -h.net, l.observed_at, h.source, 'snapshot', :batchId, :derivedFile
FROM held h
JOIN listed l ON l.contact_id = h.contact_id AND l.source = h.source
LEFT JOIN listed_tags lt ON lt.contact_id = h.contact_id AND lt.source = h.source AND lt.tag = h.tag
WHERE h.net <> 0 AND lt.tag IS NULL;
