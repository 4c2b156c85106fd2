package io.touchpoint.writers.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the quarantine rows of the chunk in progress, so they are staged with that chunk.
 *
 * <p>The jobs module {@link #add}s rows while a chunk is processed (from its skip listener) and
 * {@link #clear}s the buffer when a chunk fails; the staging writer {@link #drain}s it when the
 * chunk is written, so the rows are committed or rolled back together with the chunk.
 * Thread-safe.
 */
public final class QuarantineBuffer {

	private final List<QuarantineRow> rows = new ArrayList<>();

	/** Adds a row to the chunk in progress. */
	public synchronized void add(QuarantineRow row) {
		rows.add(Objects.requireNonNull(row, "quarantine row"));
	}

	/** Returns the buffered rows, in the order added, and empties the buffer. */
	public synchronized List<QuarantineRow> drain() {
		List<QuarantineRow> drained = List.copyOf(rows);
		rows.clear();
		return drained;
	}

	/** Drops the buffered rows (the chunk they belong to failed). */
	public synchronized void clear() {
		rows.clear();
	}

	/** The number of buffered rows. */
	public synchronized int size() {
		return rows.size();
	}
}
