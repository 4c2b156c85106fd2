package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.touchpoint.jobs.config.Broker;

/**
 * The embedded default's message broker: an ActiveMQ Artemis server in the resident stack's process, started when
 * {@code touchpoint.workers.remote=true}, that carries normalize partitions to {@code touchpoint worker} processes
 * on the home. It listens on 127.0.0.1 only and admits one account, {@value #USER}, whose password is made at
 * random and kept in the home's {@code credentials.properties} (owner-only). Its queues live in memory: a
 * partition request lost with a stopped stack leaves its partition unfinished, which the night's timeout reports
 * and {@code touchpoint restart} sends again.
 */
final class EmbeddedBroker implements AutoCloseable {

	static final String USER = "touchpoint";

	private static final String PASSWORD_KEY = "broker.password";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

	private final EmbeddedActiveMQ server;

	private EmbeddedBroker(EmbeddedActiveMQ server) {
		this.server = server;
	}

	/** Starts the broker on {@code port} of the loopback address, for the account of {@link #password(Path)}. */
	static EmbeddedBroker start(Path home, int port) throws Exception {
		String password = password(home);
		ConfigurationImpl config = new ConfigurationImpl();
		config.setName("touchpoint");
		config.setPersistenceEnabled(false);
		config.setSecurityEnabled(true);
		config.setJMXManagementEnabled(false);
		config.setCriticalAnalyzer(false);
		Path folder = OwnerOnly.folder(home.resolve("artemis"));
		config.setBrokerInstance(folder.toFile());
		config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
		// where expired or undeliverable messages would go (none expire; a request is taken once)
		config.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
			.setExpiryAddress(SimpleString.of("ExpiryQueue")));
		EmbeddedActiveMQ server = new EmbeddedActiveMQ();
		server.setConfiguration(config);
		server.setSecurityManager(new OneAccount(password));
		server.start();
		log.info("Embedded Artemis broker on 127.0.0.1:{}", port);
		return new EmbeddedBroker(server);
	}

	/** The broker of a resident stack that serves one on {@code port}, with the home's account. */
	static Broker broker(Path home, int port) {
		return new Broker("tcp://127.0.0.1:" + port, USER, password(home));
	}

	/** The broker account's password, made (128 random bits) and kept in the home's credentials file on first use. */
	static synchronized String password(Path home) {
		Path file = home.resolve(EmbeddedCredentials.FILE);
		try {
			Properties properties = new Properties();
			if (Files.isRegularFile(file)) {
				properties.load(new StringReader(Files.readString(file)));
			}
			String password = properties.getProperty(PASSWORD_KEY);
			if (password != null && !password.isBlank()) {
				return password;
			}
			byte[] bytes = new byte[16];
			new SecureRandom().nextBytes(bytes);
			password = HexFormat.of().formatHex(bytes);
			String lines = "broker.user=" + USER + "\n" + PASSWORD_KEY + "=" + password + "\n";
			if (Files.isRegularFile(file)) {
				Files.writeString(file, lines, StandardOpenOption.APPEND);
			}
			else {
				OwnerOnly.write(file, lines);
			}
			return password;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read or write the broker's password in " + file + " ("
					+ ex.getMessage() + "): it must be readable and writable by the user that runs touchpoint", ex);
		}
	}

	@Override
	public void close() {
		try {
			server.stop();
		}
		catch (Exception ex) {
			log.warn("Stopping the embedded Artemis broker failed: {}", ex.getMessage());
		}
	}

	/** Admits the one account, whatever it asks: the broker serves this home's processes only. */
	private static final class OneAccount implements ActiveMQSecurityManager {

		private final byte[] password;

		OneAccount(String password) {
			this.password = password.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public boolean validateUser(String user, String password) {
			return USER.equals(user) && password != null
					&& MessageDigest.isEqual(this.password, password.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
			return validateUser(user, password);
		}
	}
}
