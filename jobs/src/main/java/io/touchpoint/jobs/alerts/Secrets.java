package io.touchpoint.jobs.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Every configured secret value: Spring properties (command line, files, environment, test properties)
 * and environment variables whose names say password, secret, token, key or credential, and the alert
 * webhook URLs. {@link #redact(String)} replaces each in a text with {@code ****}.
 */
public final class Secrets {

	private static final Pattern SECRET_NAME = Pattern
		.compile("(?i).*(password|secret|token|access[-_.]?key|credential|webhook|api[-_.]?key).*");

	private final List<String> values;

	private Secrets(Set<String> values) {
		List<String> sorted = new ArrayList<>(values);
		// longest first, so a secret that contains another is replaced whole
		sorted.sort(Comparator.comparingInt(String::length).reversed());
		this.values = List.copyOf(sorted);
	}

	/** The configured secrets, plus {@code extra} values (such as the webhook URLs as bound). */
	public static Secrets of(Environment environment, List<String> extra) {
		Set<String> values = new LinkedHashSet<>();
		extra.forEach(v -> add(values, v));
		if (environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				if (source instanceof EnumerablePropertySource<?> enumerable) {
					for (String name : enumerable.getPropertyNames()) {
						if (SECRET_NAME.matcher(name).matches()) {
							String value;
							try {
								value = environment.getProperty(name);
							}
							catch (RuntimeException ex) {
								continue;
							}
							add(values, value);
						}
					}
				}
			}
		}
		for (Map.Entry<String, String> env : System.getenv().entrySet()) {
			if (SECRET_NAME.matcher(env.getKey()).matches()) {
				add(values, env.getValue());
			}
		}
		return new Secrets(values);
	}

	public static Secrets of(List<String> values) {
		Set<String> set = new LinkedHashSet<>();
		values.forEach(v -> add(set, v));
		return new Secrets(set);
	}

	private static void add(Set<String> values, @Nullable String value) {
		if (value == null) {
			return;
		}
		// lists (webhooks=a,b) hold one secret per element
		for (String part : value.split(",")) {
			addOne(values, part.strip());
		}
		addOne(values, value.strip());
	}

	/** Short values, booleans and numbers (a token-enabled=true flag) are not secrets worth masking. */
	private static void addOne(Set<String> values, String value) {
		if (value.length() >= 4 && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")
				&& !value.matches("[\\d.]+(ms|s|m|h|d)?")) {
			values.add(value);
		}
	}

	public @Nullable String redact(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String redacted = text;
		for (String secret : values) {
			redacted = redacted.replace(secret, "****");
		}
		return redacted;
	}

	/** True when the text still holds a configured secret. */
	public boolean leaks(@Nullable String text) {
		return text != null && values.stream().anyMatch(text::contains);
	}
}
