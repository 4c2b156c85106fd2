package io.touchpoint.readers.inbox;

import static io.touchpoint.readers.TestFiles.gzip;
import static io.touchpoint.readers.TestFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInboxTests {

	@TempDir
	Path root;

	private void write(String relative, byte[] bytes) throws IOException {
		Path file = root.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.write(file, bytes);
	}

	@Test
	void listsFilesUnderSourceFoldersSortedByPath() throws IOException {
		// given
		write("stripe/unified_payments.csv", utf8("id\n1\n"));
		write("stripe/2026/unified_payments.csv.gz", gzip(utf8("id\n1\n")));
		write("meta/ads.jsonl", utf8("{}\n"));
		write("README.txt", utf8("files directly in the root are not inputs"));
		write("stripe/.DS_Store", utf8("hidden"));
		write(".staging/meta/ads.jsonl", utf8("{}\n"));
		Files.createDirectories(root.resolve("empty"));

		// when
		List<InboxFile> files = new LocalInbox(root).list();

		// then
		assertThat(files).extracting(InboxFile::path)
			.containsExactly("meta/ads.jsonl", "stripe/2026/unified_payments.csv.gz", "stripe/unified_payments.csv");
		assertThat(files).extracting(InboxFile::source).containsExactly("meta", "stripe", "stripe");
		InboxFile csv = files.get(2);
		assertThat(csv.size()).isEqualTo(5);
		assertThat(csv.uri()).isEqualTo(root.toAbsolutePath().resolve("stripe/unified_payments.csv").toUri().toString());
		assertThat(csv.uri()).startsWith("file:");
		assertThat(csv.name()).isEqualTo("unified_payments.csv");
	}

	@Test
	void opensTheRawBytesWithoutDecompressing() throws IOException {
		// given
		byte[] gzipped = gzip(utf8("id\n1\n"));
		write("stripe/payments.csv.gz", gzipped);
		LocalInbox inbox = new LocalInbox(root);
		InboxFile file = inbox.list().get(0);

		// when
		byte[] bytes;
		try (InputStream in = inbox.open(file)) {
			bytes = in.readAllBytes();
		}

		// then
		assertThat(bytes).isEqualTo(gzipped);
	}

	@Test
	void aMissingRootListsNothingAndSaysWhereItLooked() {
		// given
		Path missing = root.resolve("not-there");
		LocalInbox inbox = new LocalInbox(missing);

		// when
		List<InboxFile> files = inbox.list();

		// then
		assertThat(files).isEmpty();
		assertThat(inbox.describe()).isEqualTo("local folder " + missing + " (it does not exist)");
	}

	@Test
	void refusesToOpenAPathThatClimbsOutOfTheInbox() {
		// given
		LocalInbox inbox = new LocalInbox(root);
		InboxFile escape = new InboxFile("stripe", "stripe/../../etc/passwd", "file:///etc/passwd", 0);

		// when / then
		assertThatThrownBy(() -> inbox.open(escape))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'stripe/../../etc/passwd'")
			.hasMessageContaining("'..'");
	}

	@Test
	void refusesToListAFileNameWithABackslash() throws IOException {
		// given
		write("stripe/..\\..\\evil.csv", utf8("id\n"));

		// when / then
		assertThatThrownBy(() -> new LocalInbox(root).list())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("evil.csv")
			.hasMessageContaining("backslash");
	}
}
