package io.touchpoint.jobs.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Builds inbox folders ({@code <root>/<source>/<file>}) from test resources for one test's run. */
public final class Inboxes {

	private Inboxes() {
	}

	/** A new empty inbox under the test home. */
	public static Path create(Path home, String name) throws IOException {
		Path inbox = home.resolve("test-inboxes").resolve(name);
		Files.createDirectories(inbox);
		return inbox;
	}

	/** Copies classpath resource {@code resource} to {@code <inbox>/<source>/<fileName>}. */
	public static Path copy(Path inbox, String source, String resource, String fileName) throws IOException {
		Path target = inbox.resolve(source).resolve(fileName);
		Files.createDirectories(target.getParent());
		try (InputStream in = Inboxes.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource " + resource);
			}
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
		return target;
	}

	/** Copies classpath resource {@code resource} to {@code target}. */
	public static void copyTo(Path target, String resource) throws IOException {
		try (InputStream in = Inboxes.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource " + resource);
			}
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** The standard small fixture: Stripe payments, HubSpot contacts and Segment events. */
	public static Path standard(Path home, String name) throws IOException {
		Path inbox = create(home, name);
		copy(inbox, "stripe", "/inbox/small/unified_payments.csv", "unified_payments.csv");
		copy(inbox, "hubspot", "/inbox/small/hubspot-contacts.csv", "hubspot-contacts.csv");
		copy(inbox, "segment", "/inbox/small/events.jsonl", "events.jsonl");
		return inbox;
	}
}
