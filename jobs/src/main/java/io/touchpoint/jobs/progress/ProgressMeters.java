package io.touchpoint.jobs.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@link ProgressMeter} of each long step, all showing their lines the same way: as log lines
 * every {@code touchpoint.progress.interval}, or, on a terminal, as one line of stderr rewritten in place
 * (redrawn at most every {@link #REDRAW}, or the interval when it is shorter), or not at all
 * ({@code mode=off} or {@code interval=0}).
 */
public final class ProgressMeters {

	/** How often a terminal line is redrawn: often enough to look alive, seldom enough to cost nothing. */
	public static final Duration REDRAW = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(ProgressMeter.class);

	private final ProgressMode mode;

	private final Duration interval;

	private final ProgressDisplay display;

	private final LongSupplier nanoClock;

	ProgressMeters(ProgressMode mode, Duration interval, ProgressDisplay display, LongSupplier nanoClock) {
		this.mode = mode;
		this.interval = interval;
		this.display = display;
		this.nanoClock = nanoClock;
	}

	/** Log lines every {@code interval} (steps built outside an application, tests). */
	public static ProgressMeters logging(Duration interval) {
		return new ProgressMeters(ProgressMode.LOG, interval, ProgressDisplay.lines(log::info), System::nanoTime);
	}

	/**
	 * The meters {@code properties} ask for, given whether stderr is a terminal; a terminal line is written
	 * to {@code stderr}, and log lines through this package's logger.
	 */
	public static ProgressMeters of(ProgressProperties properties, boolean stderrIsTerminal, PrintStream stderr) {
		return of(properties, stderrIsTerminal, stderr, ProgressDisplay.lines(log::info), System::nanoTime);
	}

	static ProgressMeters of(ProgressProperties properties, boolean stderrIsTerminal, PrintStream stderr,
			ProgressDisplay logLines, LongSupplier nanoClock) {
		ProgressMode mode = properties.interval().isZero() ? ProgressMode.OFF : properties.mode().resolve(stderrIsTerminal);
		return switch (mode) {
			case LINE -> new ProgressMeters(mode, min(properties.interval(), REDRAW), new TerminalLine(stderr, logLines),
					nanoClock);
			case LOG -> new ProgressMeters(mode, properties.interval(), logLines, nanoClock);
			default -> new ProgressMeters(ProgressMode.OFF, Duration.ZERO, logLines, nanoClock);
		};
	}

	/** The mode in effect ({@code auto} resolved). */
	public ProgressMode mode() {
		return mode;
	}

	/** How often a meter shows a line ({@code 0}: never). */
	public Duration interval() {
		return interval;
	}

	/** A meter for one step's run, labelled like {@code load acme 2026-11-19}. */
	public ProgressMeter meter(String label) {
		return new ProgressMeter(label, interval, display, nanoClock);
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}
}
