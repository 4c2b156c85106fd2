package io.touchpoint.writers.load.singlestore;

import java.sql.SQLException;

/**
 * Runs a pipeline statement (CREATE, START, ALTER PIPELINE), which SingleStore commits implicitly.
 * {@link SingleStorePipelines#jdbc} runs it on the warehouse; a test passes a scripted stand-in.
 */
@FunctionalInterface
public interface PipelineControl {

	void execute(String statement) throws SQLException;
}
