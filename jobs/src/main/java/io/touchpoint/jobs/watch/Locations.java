package io.touchpoint.jobs.watch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a database or S3 endpoint is, for health details, without what may authenticate to it: a JDBC
 * URL loses its query string and user info, and one that still names a password is not shown at all.
 */
final class Locations {

	static final String HIDDEN = "(hidden: the URL holds credentials)";

	private static final Pattern PASSWORD = Pattern.compile("//[^/:@]*:([^/@]+)@|(?i:password)=([^&;)]+)");

	private Locations() {
	}

	static String jdbc(@Nullable String url) {
		if (url == null) {
			return "-";
		}
		String location = url;
		int query = location.indexOf('?');
		if (query >= 0) {
			location = location.substring(0, query);
		}
		location = location.replaceFirst("//[^/@]*@", "//");
		return location.toLowerCase(Locale.ROOT).contains("password") ? HIDDEN : location;
	}

	/** The passwords a JDBC URL carries itself (user info, a {@code password=} parameter), to mask in messages. */
	static List<String> passwords(@Nullable String url) {
		List<String> passwords = new ArrayList<>();
		if (url != null) {
			Matcher matcher = PASSWORD.matcher(url);
			while (matcher.find()) {
				passwords.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
			}
		}
		return passwords;
	}

	/** Scheme, host and port only; {@code "AWS"} for the SDK's own endpoint. */
	static String endpoint(@Nullable URI endpoint) {
		if (endpoint == null) {
			return "AWS";
		}
		return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
	}

	/** The text as a sentence ending in one period, to put advice after it. */
	static String sentence(@Nullable String text) {
		String stripped = text == null ? "" : text.strip();
		return stripped.endsWith(".") ? stripped : stripped + ".";
	}
}
