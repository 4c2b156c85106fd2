package io.touchpoint.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.ManifestPart;
import io.touchpoint.writers.staging.StagingLocation;

/**
 * The floor of the load step: the rows the batch staged, uncompressed into one local file per table
 * (not timed), then one plain {@code LOAD DATA LOCAL INFILE} per table into a key-less scratch table
 * (timed), dropped afterwards. No S3, no gunzip, no checks, no move into the target, no ledger. A second
 * figure loads the same file into a copy of the target with its keys ({@code CREATE TABLE ... LIKE}): the
 * index work any load into these tables must do, which the key-less floor leaves out.
 */
final class LoadFloor {

	private LoadFloor() {
	}

	/** {@code seconds}: into key-less tables; {@code keyedSeconds}: into copies of the targets, keys and all. */
	record Result(long rows, double seconds, double keyedSeconds) {
	}

	/** The rows of every table's manifest: what the load step loads. */
	static long stagedRows(S3Client s3, StagingLocation location) {
		long rows = 0;
		for (LoadTable table : CanonicalTables.all().values()) {
			rows += Manifest.read(s3, location.bucket(), location.manifestKey(table.name())).rows();
		}
		return rows;
	}

	static Result measure(S3Client s3, StagingLocation location, DataSource warehouse, Path scratch)
			throws IOException, SQLException {
		long rows = 0;
		long nanos = 0;
		long keyedNanos = 0;
		Files.createDirectories(scratch);
		for (LoadTable table : CanonicalTables.all().values()) {
			Manifest manifest = Manifest.read(s3, location.bucket(), location.manifestKey(table.name()));
			if (manifest.parts().isEmpty()) {
				continue;
			}
			Path file = scratch.resolve(table.name() + ".csv");
			try (OutputStream out = Files.newOutputStream(file)) {
				for (ManifestPart part : manifest.parts()) {
					try (InputStream in = new GZIPInputStream(s3.getObject(
							GetObjectRequest.builder().bucket(location.bucket()).key(part.key()).build()), 64 * 1024)) {
						in.transferTo(out);
					}
				}
			}
			rows += manifest.rows();
			// the part's columns are set as the loader sets them: the files do not hold them
			String partColumns = table.partColumns().stream()
				.map(column -> column + " = '" + (column.equals("tenant_id") ? location.tenant() : location.batchId()) + "'")
				.collect(java.util.stream.Collectors.joining(", "));
			nanos += loadData(warehouse, table, file, "bench_floor_" + table.name(), "AS SELECT "
					+ String.join(", ", table.columns()) + " FROM " + table.name() + " WHERE 1=0",
					partColumns.isEmpty() ? "" : " SET " + partColumns);
			keyedNanos += loadData(warehouse, table, file, "bench_keyed_" + table.name(), "LIKE " + table.name(),
					" SET " + (partColumns.isEmpty() ? "" : partColumns + ", ") + "staged_file = 'floor'");
			Files.delete(file);
		}
		return new Result(rows, nanos / 1e9, keyedNanos / 1e9);
	}

	/** Times one LOAD DATA of the file into a new scratch table made by {@code create}; drops it after. */
	private static long loadData(DataSource warehouse, LoadTable table, Path file, String scratchTable, String create,
			String set) throws IOException, SQLException {
		String columns = String.join(", ", table.csvColumns());
		try (Connection connection = warehouse.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + scratchTable);
			statement.execute("CREATE TABLE " + scratchTable + " " + create);
			try (InputStream in = Files.newInputStream(file)) {
				statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
				long start = System.nanoTime();
				statement.execute("LOAD DATA LOCAL INFILE 'floor' INTO TABLE " + scratchTable
						+ " CHARACTER SET utf8mb4 " + CsvRowEncoder.LOAD_DATA_FORMAT + " (" + columns + ")" + set);
				return System.nanoTime() - start;
			}
			finally {
				statement.execute("DROP TABLE IF EXISTS " + scratchTable);
			}
		}
	}
}
