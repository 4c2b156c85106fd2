package io.touchpoint.jobs.schedule;

import java.time.LocalDate;

import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.model.Identifiers;

/** The inbox of a tenant's night: {@code touchpoint.ingest.inbox} with {tenant} and {date} replaced, else {@code <home>/inbox/T/D}. */
public final class DefaultInbox {

	private DefaultInbox() {
	}

	public static String of(TouchpointProperties properties, String tenant, LocalDate date) {
		Identifiers.tenant(tenant);
		String template = properties.ingest().inbox();
		if (template == null || template.isBlank()) {
			return properties.home().resolve("inbox").resolve(tenant).resolve(date.toString()).toAbsolutePath().toString();
		}
		return template.replace("{tenant}", tenant).replace("{date}", date.toString());
	}
}
