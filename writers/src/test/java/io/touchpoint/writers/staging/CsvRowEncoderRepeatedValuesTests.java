package io.touchpoint.writers.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The encoder copies the bytes of a string equal to the last one at the same field position; these rows
 * repeat, change and move strings between positions, and each output must be byte for byte what
 * {@link ReferenceCsv} writes.
 */
class CsvRowEncoderRepeatedValuesTests {

	private static final String SPECIAL = "say \"hi\" C:\\dir\\ é ü 日本 😀 lone \uD83D end";

	private static List<Object> row(Object... fields) {
		return Arrays.asList(fields);
	}

	private static void assertEncodedLikeTheReference(List<List<Object>> rows) {
		assertThat(ReferenceCsv.encoded(rows)).isEqualTo(ReferenceCsv.bytes(rows));
	}

	@Test
	void aDifferentStringOfTheSameLengthAtTheSamePositionIsNotTakenForTheLastOne() {
		assertEncodedLikeTheReference(List.of(
				row("abc", "tenant"), row("abd", "tenant"), row("abc", "tenanT"), row("xyz", "tenant"),
				row("abc", "tenant")));
	}

	@Test
	void anEqualButNotIdenticalStringIsWrittenLikeTheFirst() {
		String first = "hubspot/contacts-2026-11-01.csv:2";
		String equal = new StringBuilder("hubspot/contacts-2026-11-01.csv:").append(2).toString();

		assertEncodedLikeTheReference(List.of(row(first, 1L), row(equal, 2L), row(new String(first), 3L)));
	}

	@Test
	void quotesBackslashesNonAsciiAndSurrogatesRepeatedAcrossRowsAreEscapedEveryTime() {
		assertEncodedLikeTheReference(List.of(
				row(SPECIAL, "\\", "\""), row(SPECIAL, "\\", "\""), row(new String(SPECIAL), "\\\\", "\"\""),
				row(SPECIAL, "\\", "\"")));
	}

	@Test
	void nullAfterARepeatedStringAndTheStringAfterNullStayDistinct() {
		assertEncodedLikeTheReference(List.of(
				row("a", "\\N"), row(null, null), row("a", "\\N"), row("a", null), row(null, "\\N"), row("", ""),
				row(null, null), row("", "")));
	}

	@Test
	void stringsLongerOrShorterThanTheLastAtTheirPositionAreWrittenWhole() {
		String longest = "日".repeat(CsvRowEncoder.CACHED_CHARS);
		String tooLong = "\"".repeat(CsvRowEncoder.CACHED_CHARS + 1);

		assertEncodedLikeTheReference(List.of(
				row("x"), row(longest), row(longest), row("x"), row(tooLong), row(tooLong), row(longest), row("x"),
				row(longest + "é"), row(longest)));
	}

	@Test
	void rowsOfDifferentWidthsAndFieldKindsKeepEachStringAtItsOwnPosition() {
		Instant at = Instant.parse("2026-11-01T10:12:00Z");
		List<Object> wide = new ArrayList<>();
		for (int i = 0; i < CsvRowEncoder.CACHED_FIELDS + 8; i++) {
			wide.add(i % 3 == 0 ? (Object) (long) i : "f" + (i % 5));
		}

		assertEncodedLikeTheReference(List.of(
				row("a", 1L, "b"), row("b"), row("a", "b", "c", "d"), row(1L, "a", at, "b"), row(), row(at, null, "b"),
				wide, wide, row("a", 1L, "b"), wide, row("f1", "f1")));
	}

	@Test
	void repeatedStringsAcrossTheBufferBoundaryAreWrittenWhole() {
		// given a repeated string whose start moves by one byte each row, so it lands on every offset of each
		// 16 KiB buffer edge, beside strings longer than the buffer repeated too
		String big = "x\"y".repeat(20_000);
		List<List<Object>> rows = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			rows.add(row("p".repeat(i % 61), SPECIAL, (long) i, i % 500 == 0 ? big : "b"));
		}

		assertEncodedLikeTheReference(rows);
	}

	@Test
	void manyRandomRowsFromASmallPoolMatchTheReference() {
		// given rows of random widths whose fields mostly repeat the last row's field at their position, else
		// come from a small pool (strings of the same length among them); half the strings are equal copies
		SplittableRandom random = new SplittableRandom(20261101);
		List<Object> pool = new ArrayList<>(List.of("bench_mws0nm7b", "hubspot", "vip", "pricing-page", "",
				"\\N", "\"", "\\", SPECIAL, "b2-cb89e5", "b2-cb89e6", "é", "日本", "😀", "\uDC00",
				"hubspot/hubspot-crm-exports-all-contacts-2026-11-01.csv:2", "x".repeat(CsvRowEncoder.CACHED_CHARS),
				"y".repeat(CsvRowEncoder.CACHED_CHARS + 1)));
		pool.addAll(Arrays.asList(null, 0L, -7L, Long.MIN_VALUE, Instant.parse("2026-11-01T10:12:00.123456Z")));
		String big = "z\"".repeat(9_000);
		List<List<Object>> rows = new ArrayList<>();
		List<Object> last = List.of();
		for (int i = 0; i < 100_000; i++) {
			int width = random.nextInt(10) == 0 ? random.nextInt(CsvRowEncoder.CACHED_FIELDS + 10) : 8;
			List<Object> row = new ArrayList<>(width);
			for (int f = 0; f < width; f++) {
				Object field = f < last.size() && random.nextInt(4) != 0 ? last.get(f)
						: random.nextInt(500) == 0 ? big : pool.get(random.nextInt(pool.size()));
				row.add(field instanceof String value && random.nextBoolean() ? new String(value) : field);
			}
			rows.add(row);
			last = row;
		}

		assertEncodedLikeTheReference(rows);
	}
}
