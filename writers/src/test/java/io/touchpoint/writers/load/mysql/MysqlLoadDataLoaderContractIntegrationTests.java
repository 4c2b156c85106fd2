package io.touchpoint.writers.load.mysql;

import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.load.StagedFileLoaderContract;
import io.touchpoint.writers.testing.TestInfra;

/** The loader contract, run for real: LOAD DATA LOCAL INFILE on MariaDB from S3Proxy. */
class MysqlLoadDataLoaderContractIntegrationTests extends StagedFileLoaderContract {

	@Override
	protected StagedFileLoader loader() {
		return new MysqlLoadDataLoader(warehouse, TestInfra.s3());
	}
}
