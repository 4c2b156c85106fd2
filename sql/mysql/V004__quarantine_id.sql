-- A stable id per quarantined record, for `touchpoint quarantine show ID`. Loads name their columns,
-- so the new column fills itself.
ALTER TABLE quarantine ADD COLUMN quarantine_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;
