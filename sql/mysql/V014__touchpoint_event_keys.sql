-- A touchpoint is one event of its source: (tenant_id, source, event_id) is unique, and a load skips an event
-- already loaded (INSERT IGNORE), whether it repeats in one file (Segment delivers at least once, its
-- messageId names the message) or arrives again in a later export or API lookback. The event key of each
-- source: Segment's messageId, a Shopify order's '<purchase key>:attribution', a mapped source's event_id
-- column. Rows loaded before this script are copied into a table with the key, the first row of each event
-- kept (repeats of one event are the same message); the old table is then dropped.
CREATE TABLE touchpoints_unique LIKE touchpoints;
ALTER TABLE touchpoints_unique ADD UNIQUE KEY uq_touchpoints_event (tenant_id, source, event_id);
INSERT IGNORE INTO touchpoints_unique SELECT * FROM touchpoints;
RENAME TABLE touchpoints TO touchpoints_with_repeats, touchpoints_unique TO touchpoints;
DROP TABLE touchpoints_with_repeats;
