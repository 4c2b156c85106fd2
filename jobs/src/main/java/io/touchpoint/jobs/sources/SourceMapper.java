package io.touchpoint.jobs.sources;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;

import io.touchpoint.readers.SourceRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * Maps one source's raw records to canonical rows. A mapper is a pure function: it never touches the
 * database or S3. It returns an empty list for a record that is not data (filtered and counted) and
 * throws {@link io.touchpoint.readers.MalformedRecordException} for a bad one (quarantined).
 */
public interface SourceMapper {

	/** The inbox folder name and the {@code source} column value, e.g. {@code stripe}. */
	String source();

	/** How the source's files are read. */
	FileFormat format();

	/** How one file is read, for sources whose exports come in more than one format; by default {@link #format()}. */
	default FileFormat format(String path) {
		return format();
	}

	List<StagedRow> map(SourceRecord record, MappingContext context);

	/**
	 * How the source states tags: as changes (each row an application or a removal, the default) or as
	 * snapshots (each record lists a contact's whole current tag set, so a tag missing from a later listing was
	 * removed). A snapshot source maps a record's tags to {@link io.touchpoint.jobs.model.TagSnapshot} rows;
	 * normalize refuses such rows from a source that declares changes.
	 */
	default TagFeed tagFeed() {
		return TagFeed.CHANGES;
	}

	/**
	 * Whether the source's files of one export are together one snapshot (the Salesforce Data Export's contacts,
	 * leads and campaign members): when any of them is new, all are read, including those whose content an
	 * earlier batch loaded, so that the listing is whole. Otherwise (the default) a file already loaded is not
	 * read again.
	 */
	default boolean wholeExport() {
		return false;
	}

	/** See {@link #tagFeed()}. */
	enum TagFeed {
		CHANGES, SNAPSHOT
	}

	/**
	 * A file format: CSV (with the columns a file must have and its field delimiter) or JSON lines, and the
	 * text encoding.
	 */
	record FileFormat(Kind kind, Charset charset, List<String> requiredColumns, char delimiter) {

		/** A comma-separated (or JSON lines) format. */
		public FileFormat(Kind kind, Charset charset, List<String> requiredColumns) {
			this(kind, charset, requiredColumns, ',');
		}

		public enum Kind {
			CSV, JSON_LINES
		}
	}

	/**
	 * What identifies the rows being produced: the tenant and the batch; and {@code listedAt}, the time of a
	 * snapshot whose records carry no time of their own that all of them share (the Salesforce Data Export's
	 * campaign membership): the end of the batch's business date in the tenant's time zone, the rollups' window
	 * end of that night.
	 */
	record MappingContext(String tenantId, String batchId, Instant listedAt) {
	}
}
