package io.touchpoint.jobs.support;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * Base of a vendor API source's integration test: the nightly run of one night for a tenant whose only
 * source is its API connection, served by {@link VendorApiServer}, and the warehouse to check its rows.
 */
public abstract class ApiIntegrationTest extends IntegrationTest {

	/** The night run; its first window is [2026-10-11, 2026-11-11) UTC (30 days back, to the end of the night). */
	protected static final LocalDate NIGHT = LocalDate.of(2026, 11, 10);

	protected static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	@Autowired
	protected JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	/** Runs the night for a tenant without an inbox folder: its API connections are its only sources. */
	protected JobExecution night(String tenant) throws Exception {
		return runs.start("nightly", IngestParameters.nightly(tenant, NIGHT, home().resolve("no-inbox").toString()));
	}

	protected JdbcTemplate warehouse() {
		return new JdbcTemplate(warehouse);
	}

	/** The tenant's quarantined records as {@code source file line}. */
	protected List<String> quarantine(String tenant) {
		return warehouse().queryForList("SELECT CONCAT_WS(' ', source, file, line) FROM quarantine WHERE tenant_id = ?",
				String.class, tenant);
	}
}
