package io.touchpoint.jobs.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.touchpoint.jobs.progress.ProgressMeter;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.inbox.InboxFile;

/**
 * Logs the normalize step's progress (see {@link ProgressMeter}): records read, records/s, and the time
 * left from the bytes read of the registered files against their total size. The reader's file streams
 * go through {@link #track(InboxFile, InputStream)} to count their bytes. The meter starts at the first
 * records read, so after a restart the rate counts only this execution's work; the step's end clears a
 * terminal progress line.
 */
public class NormalizeProgressListener implements ItemReadListener<SourceRecord>, StepExecutionListener {

	private final ProgressMeter meter;

	private final List<InboxFile> files;

	private final long totalBytes;

	private final AtomicLong rows = new AtomicLong();

	private volatile int currentIndex = -1;

	private volatile AtomicLong currentBytes = new AtomicLong();

	public NormalizeProgressListener(ProgressMeter meter, List<InboxFile> files) {
		this.meter = meter;
		this.files = List.copyOf(files);
		this.totalBytes = files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
	}

	/** Counts the bytes read from this file's stream; the file's last opening counts. */
	public InputStream track(InboxFile file, InputStream in) {
		AtomicLong counter = new AtomicLong();
		currentIndex = files.indexOf(file);
		currentBytes = counter;
		return new FilterInputStream(in) {
			@Override
			public int read() throws IOException {
				int b = super.read();
				if (b >= 0) {
					counter.incrementAndGet();
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = super.read(buffer, offset, length);
				if (n > 0) {
					counter.addAndGet(n);
				}
				return n;
			}

			@Override
			public long skip(long n) throws IOException {
				long skipped = super.skip(n);
				counter.addAndGet(Math.max(0, skipped));
				return skipped;
			}
		};
	}

	/** The bytes of the files before the current one, and those read of the current one. */
	long bytesDone() {
		int index = currentIndex;
		if (index < 0) {
			return 0;
		}
		long done = 0;
		for (int i = 0; i < index; i++) {
			done += Math.max(0, files.get(i).size());
		}
		return done + Math.min(currentBytes.get(), Math.max(0, files.get(index).size()));
	}

	@Override
	public void afterRead(SourceRecord item) {
		counted();
	}

	@Override
	public void onReadError(Exception ex) {
		counted();
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		meter.finish();
		return null;
	}

	private void counted() {
		long n = rows.incrementAndGet();
		if ((n & 0xFF) == 0) {
			long done = bytesDone();
			meter.update(n, done, totalBytes);
		}
	}
}
