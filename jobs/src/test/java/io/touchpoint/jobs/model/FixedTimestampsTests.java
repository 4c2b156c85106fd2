package io.touchpoint.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The hand-written timestamp path: hand-computed instants, and the same answers as the general parser. */
class FixedTimestampsTests {

	@Test
	void readsTheFixedFormsToHandComputedInstants() {
		// 1970-01-02 00:00:01 UTC is one day and one second after the epoch: 86,401 s
		assertThat(FixedTimestamps.parse("1970-01-02 00:00:01", ZoneOffset.UTC)).isEqualTo(Instant.ofEpochSecond(86_401));
		// 2000-03-01: 30 years of 365 days + 7 leap days (1972..1996) = 10,957 days to 2000-01-01,
		// + 31 (January) + 29 (February of the leap year 2000) = 11,017 days = 951,868,800 s
		assertThat(FixedTimestamps.parse("2000-03-01T00:00:00Z", ZoneOffset.UTC))
			.isEqualTo(Instant.ofEpochSecond(951_868_800L));
		assertThat(FixedTimestamps.parse("2000-03-01", ZoneOffset.UTC)).isEqualTo(Instant.ofEpochSecond(951_868_800L));
		// minutes only (HubSpot): 2000-03-01 00:01 = 951,868,800 + 60
		assertThat(FixedTimestamps.parse("2000-03-01 00:01", ZoneOffset.UTC))
			.isEqualTo(Instant.ofEpochSecond(951_868_860L));
		// one digit of fraction is 100 ms; nine digits are nanoseconds; lower-case t and z are read too
		assertThat(FixedTimestamps.parse("1970-01-01t00:00:00.1z", ZoneOffset.UTC)).isEqualTo(Instant.ofEpochMilli(100));
		assertThat(FixedTimestamps.parse("1970-01-01 00:00:00.000000007", ZoneOffset.UTC))
			.isEqualTo(Instant.ofEpochSecond(0, 7));
		// a local time in a fixed offset of +02:00 is two hours earlier in UTC
		assertThat(FixedTimestamps.parse("1970-01-01T02:00:00", ZoneOffset.ofHours(2))).isEqualTo(Instant.EPOCH);
		// the Z wins over the zone given for local times
		assertThat(FixedTimestamps.parse("1970-01-01T00:00:00Z", ZoneOffset.ofHours(2))).isEqualTo(Instant.EPOCH);
		// leap years: 2024-02-29 is day 19,782 (2024-01-01 is 19,723 = 54 years * 365 + 13 leap days, + 59)
		assertThat(FixedTimestamps.parse("2024-02-29 12:00:00", ZoneOffset.UTC))
			.isEqualTo(Instant.ofEpochSecond(19_782L * 86_400 + 12 * 3600));
		// the year 0000 (proleptic, a leap year) and 9999 stay in range
		assertThat(FixedTimestamps.parse("0000-02-29T00:00:00Z", ZoneOffset.UTC))
			.isEqualTo(Instant.parse("0000-02-29T00:00:00Z"));
		assertThat(FixedTimestamps.parse("9999-12-31 23:59:59.999999999", ZoneOffset.UTC))
			.isEqualTo(Instant.parse("9999-12-31T23:59:59.999999999Z"));
	}

	@Test
	void leavesEverythingElseToTheGeneralParser() {
		for (String other : List.of("2024-06-07T04:38:54+02:00", "2024-06-07 03:38:54 +0100",
				"2024-06-07T02:38:54.000+0000", "2024-01-01T10:15Z", "2024-01-01T10:15:00.Z", "2024-01-01 10:15:00Z",
				"2024-01-01 10:15:00.1234567890", "2024-01-0110:15", "07/06/2024", "2024-1-01 10:00", "2024-01-01 1:00",
				"2024-01-01 10:00:0", "2024-01-01 10:00:00,5", "+2024-01-01", "2024-01-01T10")) {
			assertThat(FixedTimestamps.parse(other, ZoneOffset.UTC)).as(other).isNull();
		}
		// a local time in a zone with rules (daylight saving time) needs those rules
		assertThat(FixedTimestamps.parse("2025-03-09 02:30:00", ZoneId.of("America/New_York"))).isNull();
		assertThat(FixedTimestamps.parse("2025-03-09", ZoneId.of("America/New_York"))).isNull();
	}

	@Test
	void impossibleDatesAndTimesAreLeftToTheGeneralParserWhichRefusesThem() {
		for (String impossible : List.of("2026-02-30 10:00:00", "2026-02-29 10:00", "1900-02-29 10:00:00",
				"2026-04-31T10:00:00Z", "2026-13-01 10:00", "2026-00-10 10:00", "2026-01-00 10:00", "2026-01-32",
				"2026-01-01 24:00:00", "2026-01-01 23:60", "2026-01-01 23:59:60")) {
			assertThat(FixedTimestamps.parse(impossible, ZoneOffset.UTC)).as(impossible).isNull();
			assertThatThrownBy(() -> Timestamps.parse(impossible)).as(impossible)
				.hasMessageContaining("'" + impossible + "'");
		}
	}

	@Test
	void daylightSavingGapsStillMoveForwardThroughTheGeneralParser() {
		// 02:30 does not exist in New York on 2025-03-09 (02:00 EST -> 03:00 EDT): read as 03:30 EDT = 07:30 UTC
		assertThat(Timestamps.parse("2025-03-09 02:30:00", ZoneId.of("America/New_York")))
			.isEqualTo(Instant.parse("2025-03-09T07:30:00Z"));
	}

	@Test
	void givesTheGeneralParsersAnswerForEveryCombinationOfTheFixedForms() {
		List<String> values = new ArrayList<>();
		for (String date : List.of("1600-02-29", "1700-02-29", "1900-02-28", "2000-02-29", "2023-02-29", "2024-02-29",
				"2024-04-30", "2024-04-31", "2024-12-31", "2024-06-00", "2024-00-10", "2024-13-10", "0000-01-01",
				"9999-12-31", "2024-1-05", "2024-01-5x")) {
			values.add(date);
			for (String separator : List.of(" ", "T", "t", "")) {
				for (String time : List.of("00:00", "23:59", "24:00", "12:60", "00:00:00", "23:59:59", "23:59:60",
						"24:00:00", "12:30:45.5", "12:30:45.123456789", "12:30:45.1234567890", "12:30:45.", "7:05")) {
					for (String suffix : List.of("", "Z", "z")) {
						values.add(date + separator + time + suffix);
					}
				}
			}
		}
		for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(-5, -30), ZoneId.of("Europe/London"))) {
			for (String value : values) {
				assertThat(outcome(() -> Timestamps.parse(value, zone)))
					.as(value + " in " + zone)
					.isEqualTo(outcome(() -> Timestamps.general(value, zone, value)));
			}
		}
	}

	/** The instant as text, or the exception's message: what a caller sees. */
	private static String outcome(java.util.function.Supplier<Instant> parse) {
		try {
			return String.valueOf(parse.get());
		}
		catch (RuntimeException ex) {
			return ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
	}
}
