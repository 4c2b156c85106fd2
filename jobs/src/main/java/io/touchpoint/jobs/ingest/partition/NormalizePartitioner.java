package io.touchpoint.jobs.ingest.partition;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.csv.CsvRecordBoundaries;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;
import io.touchpoint.readers.text.EncodingDetector;

/**
 * Splits a batch's files into normalize partitions of about equal bytes, in file order: each partition reads
 * a run of whole files and ranges of files. A CSV file is cut only at record boundaries, found by a
 * quote-aware scan of the whole file ({@link CsvRecordBoundaries}), so a quoted line break never splits a
 * record, and each range keeps the file's line numbers. Files that cannot be cut in their bytes are given to
 * one partition whole: JSON lines, gzip, UTF-16, a non-ASCII separator.
 *
 * <p>The same files give the same partitions, so a restart finds each partition's slices as the failed run
 * had them (Spring Batch also restarts each unfinished partition from its own saved context).
 */
public class NormalizePartitioner implements Partitioner {

	/** The key of a partition's slices in its execution context. */
	public static final String SLICES = "partition.slices";

	private static final Logger log = LoggerFactory.getLogger(NormalizePartitioner.class);

	private static final int GZIP_MAGIC_1 = 0x1f;

	private static final int GZIP_MAGIC_2 = 0x8b;

	private final List<InboxFile> files;

	private final Function<InboxFile, Inbox> inboxes;

	private final Function<InboxFile, SourceMapper.FileFormat> formats;

	/**
	 * @param files   the batch's files to read, in reading order
	 * @param inboxes where each file is opened
	 * @param formats each file's format
	 */
	public NormalizePartitioner(List<InboxFile> files, Function<InboxFile, Inbox> inboxes,
			Function<InboxFile, SourceMapper.FileFormat> formats) {
		this.files = List.copyOf(files);
		this.inboxes = inboxes;
		this.formats = formats;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<List<FileSlice>> partitions = slices(gridSize);
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		for (int i = 0; i < partitions.size(); i++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(SLICES, FileSlice.format(partitions.get(i)));
			contexts.put("partition" + i, context);
		}
		return contexts;
	}

	/** The slices of each partition: at most {@code gridSize} partitions, none empty. */
	public List<List<FileSlice>> slices(int gridSize) {
		long total = 0;
		for (InboxFile file : files) {
			total += Math.max(0, file.size());
		}
		List<List<FileSlice>> partitions = new ArrayList<>();
		List<FileSlice> current = new ArrayList<>();
		long fileStart = 0;
		int next = 1; // the next cut's number: cut j falls at total * j / gridSize bytes
		for (int index = 0; index < files.size(); index++) {
			InboxFile file = files.get(index);
			long size = Math.max(0, file.size());
			List<Long> targets = new ArrayList<>();
			while (next < gridSize && total * next / gridSize < fileStart + size) {
				long local = total * next / gridSize - fileStart;
				if (local <= 0) { // the cut falls between files
					close(partitions, current);
					current = new ArrayList<>();
				}
				else {
					targets.add(local);
				}
				next++;
			}
			fileStart += size;
			Cuts cuts = targets.isEmpty() ? null : cut(index, file, targets);
			if (cuts == null) {
				current.add(FileSlice.whole(index));
				if (!targets.isEmpty()) {
					close(partitions, current);
					current = new ArrayList<>();
				}
				continue;
			}
			long from = 0;
			for (CsvRecordBoundaries.Cut cut : cuts.result().cuts()) {
				if (cut.offset() > from) {
					current.add(range(index, from, cut.offset(), cuts));
					from = cut.offset();
				}
				close(partitions, current);
				current = new ArrayList<>();
			}
			if (from < cuts.result().length()) {
				current.add(range(index, from, cuts.result().length(), cuts));
			}
		}
		close(partitions, current);
		return partitions;
	}

	private static void close(List<List<FileSlice>> partitions, List<FileSlice> partition) {
		if (!partition.isEmpty()) {
			partitions.add(List.copyOf(partition));
		}
	}

	private static FileSlice range(int index, long from, long to, Cuts cuts) {
		CsvRecordBoundaries.Result result = cuts.result();
		if (from == 0 && to == result.length()) {
			return FileSlice.whole(index);
		}
		long firstLine = 1;
		if (from > 0) {
			firstLine = result.cuts().stream().filter(c -> c.offset() == from).findFirst().orElseThrow().line();
		}
		return new FileSlice(index, from, to, result.header().offset(), result.header().line() - 1, firstLine,
				cuts.charset().name());
	}

	private record Cuts(CsvRecordBoundaries.Result result, Charset charset) {
	}

	/** The record starts at or after each target, or null when the file is read whole. */
	private Cuts cut(int index, InboxFile file, List<Long> targets) {
		SourceMapper.FileFormat format = formats.apply(file);
		if (format.kind() != SourceMapper.FileFormat.Kind.CSV || format.delimiter() >= 0x80) {
			return null;
		}
		Inbox inbox = inboxes.apply(file);
		try (InputStream raw = inbox.open(file)) {
			BufferedInputStream in = new BufferedInputStream(raw, EncodingDetector.SAMPLE_BYTES + 1);
			in.mark(EncodingDetector.SAMPLE_BYTES + 1);
			byte[] sample = in.readNBytes(EncodingDetector.SAMPLE_BYTES);
			in.reset();
			if (sample.length >= 2 && (sample[0] & 0xFF) == GZIP_MAGIC_1 && (sample[1] & 0xFF) == GZIP_MAGIC_2) {
				return null;
			}
			// the charset the file's reader would detect, fixed for all its ranges
			Charset charset = EncodingDetector.detect(sample, sample.length, format.charset());
			if (!asciiCompatible(charset)) {
				return null;
			}
			long[] at = targets.stream().mapToLong(Long::longValue).toArray();
			CsvRecordBoundaries.Result result = CsvRecordBoundaries.scan(in, format.delimiter(), at);
			if (result.length() != file.size()) {
				log.warn("{}: {} bytes read where the listing said {}; read whole", file.path(), result.length(),
						file.size());
				return null;
			}
			return new Cuts(result, charset);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(file.path() + ": could not read the file to find where its records start ("
					+ ex.getMessage() + "); check that it is still in the inbox and readable, then restart", ex);
		}
	}

	private static boolean asciiCompatible(Charset charset) {
		return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
				|| charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(EncodingDetector.WINDOWS_1252);
	}
}
