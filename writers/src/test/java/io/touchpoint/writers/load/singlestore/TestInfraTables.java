package io.touchpoint.writers.load.singlestore;

import javax.sql.DataSource;

import io.touchpoint.writers.testing.TestInfra;

/** Our {@code pipeline_errors} table in its MariaDB shape, for the stand-in tests. */
final class TestInfraTables {

	private TestInfraTables() {
	}

	static void recreatePipelineErrors(DataSource warehouse) {
		TestInfra.recreate(warehouse, "pipeline_errors", SingleStorePipelineLoaderStandInIntegrationTests.PIPELINE_ERRORS_DDL);
	}
}
