package io.touchpoint.jobs.progress;

import java.io.PrintStream;

import org.jspecify.annotations.Nullable;

/**
 * One line of a terminal, rewritten in place: each line starts with a carriage return and is padded over
 * the longer line it replaces; the step's end blanks it. One meter owns the line at a time (the first
 * that shows something, until its step ends); a meter running beside it (several tenants on a scheduler
 * node) goes to {@code others}, so two steps never fight over one line.
 */
public final class TerminalLine implements ProgressDisplay {

	private final PrintStream out;

	private final ProgressDisplay others;

	private @Nullable ProgressMeter owner;

	private int width;

	/** A line on {@code out} (stderr); meters that do not own it show through {@code others}. */
	public TerminalLine(PrintStream out, ProgressDisplay others) {
		this.out = out;
		this.others = others;
	}

	@Override
	public void show(ProgressMeter meter, String line) {
		synchronized (this) {
			if (owner == null || owner == meter) {
				owner = meter;
				out.print('\r' + line + " ".repeat(Math.max(0, width - line.length())));
				out.flush();
				width = line.length();
				return;
			}
		}
		others.show(meter, line);
	}

	@Override
	public synchronized void finish(ProgressMeter meter) {
		if (owner != meter) {
			return;
		}
		if (width > 0) {
			out.print('\r' + " ".repeat(width) + '\r');
			out.flush();
		}
		owner = null;
		width = 0;
	}
}
