-- The per-contact rollup tables' twins that `touchpoint.rollups.threads` > 1 computes into
-- (RollupRunner, docs/rollups.md "On several connections"): each contact-hash range fills its contacts'
-- rows here in its own transaction, and one transaction then moves every range's rows into the tables
-- readers see. They hold a tenant's rows only between its ranges and that move. Same columns, keys and
-- indexes as the tables they stand for (a later change to one of those changes its twin too).

CREATE TABLE rollup_next_counted_purchases LIKE counted_purchases;

CREATE TABLE rollup_next_counted_refunds LIKE counted_refunds;

CREATE TABLE rollup_next_contact_value LIKE contact_value;

CREATE TABLE rollup_next_contact_touchpoints LIKE contact_touchpoints;

CREATE TABLE rollup_next_contact_attribution LIKE contact_attribution;

CREATE TABLE rollup_next_contact_activity_weeks LIKE contact_activity_weeks;
