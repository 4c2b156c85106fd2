package io.touchpoint.readers.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class InboxTests {

	@TempDir
	Path root;

	@Test
	void aPlainPathIsALocalInbox() {
		// when
		Inbox inbox = Inbox.of(root.toString(), null);

		// then
		assertThat(inbox).isInstanceOfSatisfying(LocalInbox.class, local -> assertThat(local.root()).isEqualTo(root));
	}

	@Test
	void aFileUriIsALocalInbox() {
		// when
		Inbox inbox = Inbox.of(root.toUri().toString(), null);

		// then
		assertThat(inbox).isInstanceOfSatisfying(LocalInbox.class, local -> assertThat(local.root()).isEqualTo(root));
	}

	@Test
	void anS3LocationIsAnS3InboxWithATrailingSlashOnItsPrefix() {
		// given
		try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:9")).build()) {

			// when
			Inbox inbox = Inbox.of("s3://touchpoint-inbox/landing/in", s3);
			Inbox whole = Inbox.of("s3://touchpoint-inbox", s3);

			// then
			assertThat(inbox).isInstanceOfSatisfying(S3Inbox.class, s -> {
				assertThat(s.bucket()).isEqualTo("touchpoint-inbox");
				assertThat(s.prefix()).isEqualTo("landing/in/");
			});
			assertThat(inbox.describe()).isEqualTo("s3://touchpoint-inbox/landing/in/");
			assertThat(((S3Inbox) whole).prefix()).isEmpty();
		}
	}

	@Test
	void anS3LocationWithoutAClientIsRefused() {
		assertThatThrownBy(() -> Inbox.of("s3://bucket/in", null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("no S3 client");
	}

	@Test
	void anUnsupportedSchemeIsRefused() {
		assertThatThrownBy(() -> Inbox.of("https://example.invalid/inbox", null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unsupported scheme");
	}

	@Test
	void pathsWithADotDotSegmentOrABackslashAreRefused() {
		assertThatThrownBy(() -> InboxPaths.requireSafe("stripe/../x.csv", "s3://b/in/stripe/../x.csv"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'s3://b/in/stripe/../x.csv'");
		assertThatThrownBy(() -> InboxPaths.requireSafe("stripe\\x.csv", "stripe\\x.csv"))
			.isInstanceOf(IllegalArgumentException.class);
		InboxPaths.requireSafe("stripe/..x/x..csv", "ok");
	}
}
