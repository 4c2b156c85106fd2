-- No overlapping runs: at most one running execution per (job, tenant) across every process and
-- scheduler node sharing this metadata database. A launcher locks the row (SELECT ... FOR UPDATE), checks
-- Spring Batch's tables for a running execution of the job and tenant, and records its claim while it
-- creates its execution; the claim is cleared when the run ends. Quartz's QRTZ_* tables come from its jar.
CREATE TABLE tp_run_guard (
    job_name   VARCHAR(100) NOT NULL,
    tenant     VARCHAR(100) NOT NULL,
    claimed_by VARCHAR(200) NULL,
    claimed_at TIMESTAMP(6) NULL,
    PRIMARY KEY (job_name, tenant)
) ENGINE = InnoDB;
