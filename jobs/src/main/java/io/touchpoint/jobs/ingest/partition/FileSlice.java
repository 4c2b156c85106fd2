package io.touchpoint.jobs.ingest.partition;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of one batch file a normalize partition reads: the whole file, or the bytes {@code [start, end)}
 * cut at record boundaries. A range that does not start at the file's first byte is read after the file's
 * header ({@code [0, headerEnd)}, {@code headerLines} lines) with its first line numbered {@code firstLine},
 * the file's own line number, and decoded in {@code charset}, the encoding the file's first bytes show.
 *
 * @param file the file's index in the batch's files to read
 */
public record FileSlice(int file, long start, long end, long headerEnd, long headerLines, long firstLine,
		String charset) {

	private static final long WHOLE = -1;

	/** The whole file, read as normalize reads any file. */
	public static FileSlice whole(int file) {
		return new FileSlice(file, 0, WHOLE, 0, 0, 1, "");
	}

	public boolean isWhole() {
		return end == WHOLE;
	}

	/** Whether the range is read after the header (it starts past the file's first byte). */
	public boolean afterHeader() {
		return !isWhole() && start > 0;
	}

	/** The slices as kept in a partition's execution context (a restart reads the same slices back). */
	public static String format(List<FileSlice> slices) {
		StringBuilder text = new StringBuilder();
		for (FileSlice slice : slices) {
			if (!text.isEmpty()) {
				text.append(';');
			}
			text.append(slice.file).append(':').append(slice.start).append(':').append(slice.end).append(':')
				.append(slice.headerEnd).append(':').append(slice.headerLines).append(':').append(slice.firstLine)
				.append(':').append(slice.charset);
		}
		return text.toString();
	}

	/** The slices {@link #format(List)} wrote. */
	public static List<FileSlice> parse(String text) {
		List<FileSlice> slices = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return slices;
		}
		for (String slice : text.split(";")) {
			String[] f = slice.split(":", 7);
			if (f.length != 7) {
				throw new IllegalArgumentException("not a file slice: " + slice);
			}
			slices.add(new FileSlice(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
					Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), f[6]));
		}
		return slices;
	}
}
