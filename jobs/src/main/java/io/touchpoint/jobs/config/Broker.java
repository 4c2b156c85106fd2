package io.touchpoint.jobs.config;

import org.jspecify.annotations.Nullable;

/**
 * Where the message broker is, resolved once: {@code touchpoint.broker.*}, or the broker of the embedded default's
 * resident stack with the account made for it. {@link #toString()} hides the password.
 */
public record Broker(String url, @Nullable String user, @Nullable String password) {

	@Override
	public String toString() {
		return "Broker[url=" + url + ", user=" + user + ", password=****]";
	}
}
