package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.progress.ProgressMeter;
import io.touchpoint.readers.inbox.InboxFile;

/** normalize's progress: bytes of the files read so far against their total, with a fake clock. */
class ProgressOfNormalizeTests {

	@Test
	void estimatesTimeLeftFromTheBytesReadOfTheRegisteredFiles() throws Exception {
		// given two files, 1,000 and 3,000 bytes
		AtomicLong clock = new AtomicLong();
		List<String> lines = new ArrayList<>();
		InboxFile first = new InboxFile("stripe", "stripe/a.csv", "file:/a.csv", 1_000);
		InboxFile second = new InboxFile("stripe", "stripe/b.csv", "file:/b.csv", 3_000);
		var listener = new NormalizeProgressListener(
				new ProgressMeter("normalize acme 2026-11-19", Duration.ofSeconds(10), clock::get, lines::add),
				List.of(first, second));

		// when the first file is read whole and 256 records counted (the meter starts), then the second
		// is read to 1,000 bytes and 256 more records counted 10 s later
		try (InputStream in = listener.track(first, new ByteArrayInputStream(new byte[1_000]))) {
			in.readAllBytes();
		}
		for (int i = 0; i < 256; i++) {
			listener.afterRead(null);
		}
		try (InputStream in = listener.track(second, new ByteArrayInputStream(new byte[3_000]))) {
			in.readNBytes(1_000);
			clock.addAndGet(10_000_000_000L);
			for (int i = 0; i < 256; i++) {
				listener.afterRead(null);
			}
		}

		// then 2,000 of 4,000 bytes done; 1,000 bytes in 10 s leaves 2,000 bytes: 20 s
		assertThat(listener.bytesDone()).isEqualTo(2_000);
		assertThat(lines).containsExactly("normalize acme 2026-11-19: 512 rows, 26 rows/s, ~0:20 left");
	}
}
