package io.touchpoint.jobs.ingest;

/**
 * Points where tests inject a crash into the ingest steps (the application's bean does nothing).
 * Restart tests fail a run between two staged tables or two loaded files and check that a restart
 * finishes the work exactly once.
 */
public interface IngestFaults {

	IngestFaults NONE = new IngestFaults() {
	};

	/** Called before the stage step publishes one table's parts. */
	default void beforePublish(String table) {
	}

	/** Called before the load step loads one staged file. */
	default void beforeLoad(String key) {
	}
}
