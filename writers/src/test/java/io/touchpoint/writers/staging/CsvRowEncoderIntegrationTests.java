package io.touchpoint.writers.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.touchpoint.writers.testing.TestInfra;

/** Reads the encoder's output back through a real MariaDB {@code LOAD DATA LOCAL INFILE}. */
class CsvRowEncoderIntegrationTests {

	private final DataSource dataSource = TestInfra.dataSource();

	@BeforeEach
	void createTable() {
		TestInfra.recreate(dataSource, "csv_round_trip", "CREATE TABLE csv_round_trip (id BIGINT NOT NULL,"
				+ " s VARCHAR(200) CHARACTER SET utf8mb4 NULL, n BIGINT NULL, ts DATETIME(6) NULL,"
				+ " tsz TIMESTAMP(6) NULL, d DATE NULL) DEFAULT CHARSET = utf8mb4");
	}

	@Test
	void everyStringComesBackExactlyAndNullStaysDistinctFromEmpty() throws Exception {
		List<String> values = Arrays.asList(
				"plain", "", null, "a,b,c", "say \"hi\"", "\"", "C:\\dir\\", "\\", "\\N", "NULL", "N",
				"line1\nline2", "cr\r\nlf", "\n", "tab\there", "trailing,\"\\\n", "Acme™", "日本語", "é ü ß",
				"emoji 😀", "  spaced  ", "'single'", "nul\u0000byte");
		ByteArrayOutputStream csv = new ByteArrayOutputStream();
		CsvRowEncoder encoder = new CsvRowEncoder(csv);
		for (int i = 0; i < values.size(); i++) {
			encoder.number(i).string(values.get(i)).nullableNumber(null).timestamp(null).timestamp(null).date(null)
				.endRow();
		}
		encoder.flush();

		loadData(csv.toByteArray());

		List<String> loaded = new ArrayList<>();
		try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("SELECT s FROM csv_round_trip ORDER BY id")) {
			while (rs.next()) {
				loaded.add(rs.getString(1));
			}
		}
		assertThat(loaded).containsExactlyElementsOf(values);
	}

	@Test
	void numbersTimestampsAndDatesComeBackExactly() throws Exception {
		ByteArrayOutputStream csv = new ByteArrayOutputStream();
		new CsvRowEncoder(csv)
			.number(1).string("x").nullableNumber(-9_000_000_000L)
			.timestamp(Instant.parse("2024-03-05T10:11:12.123456Z"))
			.timestamp(Instant.parse("2024-03-05T10:11:12.5Z"))
			.date(LocalDate.of(2024, 2, 29)).endRow()
			.number(2).string("y").nullableNumber(null).timestamp(null).timestamp(null).date(null).endRow()
			// written 2024-03-05 10:11:12 and 2024-03-05 10:11:12.000001: the shortest exact forms
			.number(3).string("z").nullableNumber(0L).timestamp(Instant.parse("2024-03-05T10:11:12Z"))
			.timestamp(Instant.parse("2024-03-05T10:11:12.000001Z")).date(null).endRow()
			.flush();

		loadData(csv.toByteArray());

		try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("SELECT n, CAST(ts AS CHAR), UNIX_TIMESTAMP(tsz), CAST(d AS CHAR)"
						+ " FROM csv_round_trip ORDER BY id")) {
			rs.next();
			assertThat(rs.getLong(1)).isEqualTo(-9_000_000_000L);
			assertThat(rs.getString(2)).isEqualTo("2024-03-05 10:11:12.123456");
			assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("1709633472.5"); // 2024-03-05T10:11:12.5Z
			assertThat(rs.getString(4)).isEqualTo("2024-02-29");
			rs.next();
			assertThat(rs.getObject(1)).isNull();
			assertThat(rs.getObject(2)).isNull();
			assertThat(rs.getObject(3)).isNull();
			assertThat(rs.getObject(4)).isNull();
			rs.next();
			assertThat(rs.getString(2)).isEqualTo("2024-03-05 10:11:12.000000");
			assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("1709633472.000001");
		}
	}

	private void loadData(byte[] csv) throws Exception {
		try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
			st.execute("SET time_zone = '+00:00'");
			st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new ByteArrayInputStream(csv));
			st.execute("LOAD DATA LOCAL INFILE 'stream' INTO TABLE csv_round_trip CHARACTER SET utf8mb4 "
					+ CsvRowEncoder.LOAD_DATA_FORMAT + " (id, s, n, ts, tsz, d)");
			try (ResultSet warnings = st.executeQuery("SHOW WARNINGS")) {
				assertThat(warnings.next()).as("LOAD DATA warnings").isFalse();
			}
		}
	}
}
