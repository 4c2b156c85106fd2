package io.touchpoint.jobs.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one long step, as one line at most every {@code interval}:
 * {@code normalize acme 2026-11-19: 120,000 rows, 8,400 rows/s, ~0:42 left}. Rows/s counts the rows done
 * in this execution; the time left is estimated from the work done (bytes read, rows loaded) against
 * its total when the total is known, and omitted otherwise. The lines go to a {@link ProgressDisplay}
 * (the log, or a terminal line rewritten in place, see {@link ProgressMeters}); {@link #finish()} at the
 * step's end clears a terminal line.
 */
public final class ProgressMeter {

	private static final Logger log = LoggerFactory.getLogger(ProgressMeter.class);

	private final String label;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final ProgressDisplay display;

	private long startNanos = Long.MIN_VALUE;

	private long lastLineNanos;

	private long rowsAtStart;

	private long doneAtStart;

	/** A meter logging through this class's logger with the system's monotonic clock. */
	public ProgressMeter(String label, Duration interval) {
		this(label, interval, ProgressDisplay.lines(log::info), System::nanoTime);
	}

	/** A meter with its own clock (nanoseconds, monotonic) writing each line to {@code sink}, for tests. */
	public ProgressMeter(String label, Duration interval, LongSupplier nanoClock, Consumer<String> sink) {
		this(label, interval, ProgressDisplay.lines(sink), nanoClock);
	}

	/** A meter showing its lines on {@code display}, with its clock (nanoseconds, monotonic). */
	ProgressMeter(String label, Duration interval, ProgressDisplay display, LongSupplier nanoClock) {
		this.label = label;
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
		this.display = display;
	}

	/** Starts the clock; the counts given are those already done before this execution (a restart). */
	public void start(long rows, long done) {
		startNanos = nanoClock.getAsLong();
		lastLineNanos = startNanos;
		rowsAtStart = rows;
		doneAtStart = done;
	}

	/**
	 * Reports the counts so far: {@code rows} done, and {@code done} of {@code total} units of work
	 * (bytes, rows; {@code total <= 0} when unknown). Writes a line when {@code interval} has passed since
	 * the last one (or the start); returns it.
	 */
	public @Nullable String update(long rows, long done, long total) {
		long now = nanoClock.getAsLong();
		if (startNanos == Long.MIN_VALUE) {
			start(rows, done);
			return null;
		}
		if (intervalNanos <= 0 || now - lastLineNanos < intervalNanos) {
			return null;
		}
		lastLineNanos = now;
		String line = line(label, rows, rows - rowsAtStart, done - doneAtStart, done, total, now - startNanos);
		display.show(this, line);
		return line;
	}

	/** The step ended (completed or failed): a terminal line is cleared; log lines stay as they are. */
	public void finish() {
		display.finish(this);
	}

	/**
	 * The line: rows, rows/s over this execution, and the time left when the total is known and some work
	 * was done: what is left at the rate of the work done so far.
	 */
	static String line(String label, long rows, long rowsHere, long doneHere, long done, long total, long elapsedNanos) {
		double seconds = Math.max(elapsedNanos, 1) / 1e9;
		StringBuilder line = new StringBuilder(label).append(": ")
			.append(String.format(Locale.ROOT, "%,d rows, %,d rows/s", rows, Math.round(rowsHere / seconds)));
		if (total > 0 && doneHere > 0 && done <= total) {
			double leftSeconds = (total - done) / (doneHere / seconds);
			line.append(", ~").append(clock(Math.round(leftSeconds))).append(" left");
		}
		return line.toString();
	}

	/** 42 -> 0:42, 125 -> 2:05, 3725 -> 1:02:05. */
	static String clock(long seconds) {
		long h = seconds / 3600;
		long m = seconds % 3600 / 60;
		long s = seconds % 60;
		return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
	}
}
