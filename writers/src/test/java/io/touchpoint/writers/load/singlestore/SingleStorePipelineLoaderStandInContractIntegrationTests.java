package io.touchpoint.writers.load.singlestore;

import java.time.Duration;

import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.load.StagedFileLoaderContract;

/**
 * The loader contract for the pipeline loader, against {@link PipelineViewsStandIn} in auto-load
 * mode: a STAND-IN pipeline that lists the bucket prefix of its CREATE statement on S3Proxy and loads
 * new parts with the statement's columns into MariaDB. Real SingleStore: see the opt-in live test.
 */
class SingleStorePipelineLoaderStandInContractIntegrationTests extends StagedFileLoaderContract {

	@Override
	protected StagedFileLoader loader() {
		TestInfraTables.recreatePipelineErrors(warehouse);
		PipelineViewsStandIn standIn = new PipelineViewsStandIn(warehouse).autoLoad();
		return new SingleStorePipelineLoader(warehouse, new SingleStorePipelines(warehouse,
				PipelineViewsStandIn.settings(Duration.ofMinutes(5)), standIn), standIn, standIn.clock);
	}
}
