package io.touchpoint.jobs.config;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;

import io.touchpoint.readers.http.ApiException;

/**
 * Explains a step failure that came from a database connection, which the driver reports only as "(conn=12)
 * Socket error" or "Socket timout error": which database, whether it was lost, never reached or too slow,
 * which timeout ran out and what to raise or check. The pool names the metadata database in its own
 * errors; a failure of an S3 or vendor API call is theirs and explained by its own message; any other
 * connection failure of a step is the warehouse's (a step that loses the metadata
 * database cannot record its failure at all: {@link #explainMetadata} explains that to the launcher).
 */
public final class DatabaseFailures {

	private final Target warehouse;

	private final Target metadata;

	private record Target(String name, String location, TouchpointProperties.Database timeouts) {

		String property(String setting) {
			return "touchpoint." + name + "." + setting + " (" + Durations.text(switch (setting) {
				case "socket-timeout" -> timeouts.socketTimeout();
				case "pool-timeout" -> timeouts.poolTimeout();
				default -> timeouts.connectTimeout();
			}) + ")";
		}
	}

	DatabaseFailures(Endpoints endpoints, TouchpointProperties properties) {
		this.warehouse = new Target("warehouse", location(endpoints.warehouse().url()), properties.warehouse());
		this.metadata = new Target("metadata", location(endpoints.metadata().url()), properties.metadata());
	}

	/** A sentence saying what happened to the database connection and what to do, or null if it was not that. */
	public @Nullable String explain(Throwable failure) {
		List<Throwable> causes = causes(failure);
		Target target = causes.stream()
			.anyMatch(t -> t.getMessage() != null && t.getMessage().startsWith("touchpoint-metadata")) ? metadata
					: warehouse;
		String what = what(causes, target);
		return what == null ? null : what + "; nothing of the interrupted transaction was committed, so once the "
				+ "database answers again, restart the execution";
	}

	/**
	 * What happened to the connection to the metadata database in {@code failure}, known to come from it (Spring
	 * Batch could not save a run's state), or null if it was not a connection failure.
	 */
	public @Nullable String explainMetadata(Throwable failure) {
		return what(causes(failure), metadata);
	}

	/** The failure and its causes, outermost first. */
	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
			causes.add(t);
		}
		return causes;
	}

	/**
	 * What the first connection failure among the causes says; none when an S3 call or a vendor API call
	 * failed: their socket errors ("Connection refused", "Connection reset") are S3's or the vendor's, already
	 * explained by the S3 client's and the API client's messages (bucket and key; source, page and URL), never a
	 * database's.
	 */
	private static @Nullable String what(List<Throwable> causes, Target target) {
		if (causes.stream().anyMatch(t -> t instanceof SdkException || t instanceof ApiException)) {
			return null;
		}
		for (Throwable t : causes) {
			String what = what(t, target);
			if (what != null) {
				return what;
			}
		}
		return null;
	}

	private static @Nullable String what(Throwable t, Target target) {
		String database = "the " + target.name() + " database at " + target.location();
		String message = t.getMessage() == null ? "" : t.getMessage();
		// MariaDB Connector/J 3 says "Socket timout error" (sic)
		if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException || message.contains("Socket timout")
				|| message.contains("Socket timeout")) {
			return "timed out waiting for " + database + ": no answer within " + target.property("socket-timeout")
					+ (target.name().equals("warehouse")
							? "; if a statement really runs that long (a rollup of a large tenant) raise it"
							: "; if the server is only slow to answer raise it")
					+ ", else check the server's load, locks and network";
		}
		if (t instanceof SQLTransientConnectionException && message.contains("request timed out after")) {
			return "no connection to " + database + " could be opened within " + target.property("pool-timeout")
					+ " (the pool kept trying): check that the server is up and reachable (touchpoint." + target.name()
					+ ".url, its credentials)";
		}
		if (t instanceof ConnectException) {
			return database + " refused the connection (" + message + "): check that the server is up and "
					+ "touchpoint." + target.name() + ".url";
		}
		if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
				|| t instanceof SocketException || message.equals("Connection is closed")) {
			return "the connection to " + database + " was lost (" + message + "): check that the server is up and "
					+ "reachable";
		}
		return null;
	}

	/** host:port/database of a JDBC URL, without user, password or options. */
	private static String location(String url) {
		String rest = InfrastructureConfiguration.withoutQuery(url);
		int scheme = rest.indexOf("//");
		rest = scheme < 0 ? rest : rest.substring(scheme + 2);
		int at = rest.lastIndexOf('@');
		return at < 0 ? rest : rest.substring(at + 1);
	}
}
