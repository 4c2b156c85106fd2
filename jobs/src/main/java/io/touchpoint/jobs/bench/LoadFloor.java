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
 * (timed), dropped afterwards. No S3, no gunzip, no checks, no move into the target, no ledger.
 */
final class LoadFloor {

	private LoadFloor() {
	}

	record Result(long rows, double seconds) {
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
			nanos += loadData(warehouse, table, file);
			Files.delete(file);
		}
		return new Result(rows, nanos / 1e9);
	}

	private static long loadData(DataSource warehouse, LoadTable table, Path file) throws IOException, SQLException {
		String scratchTable = "bench_floor_" + table.name();
		String columns = String.join(", ", table.columns());
		try (Connection connection = warehouse.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + scratchTable);
			statement.execute("CREATE TABLE " + scratchTable + " AS SELECT " + columns + " FROM " + table.name()
					+ " WHERE 1=0");
			try (InputStream in = Files.newInputStream(file)) {
				statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
				long start = System.nanoTime();
				statement.execute("LOAD DATA LOCAL INFILE 'floor' INTO TABLE " + scratchTable
						+ " CHARACTER SET utf8mb4 " + CsvRowEncoder.LOAD_DATA_FORMAT + " (" + columns + ")");
				return System.nanoTime() - start;
			}
			finally {
				statement.execute("DROP TABLE IF EXISTS " + scratchTable);
			}
		}
	}
}
