package io.touchpoint.jobs.rollup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A zone's UTC offsets as consecutive periods, from java.time's rules, for
 * {@code tenant_time_zone_offsets}: rollup SQL turns a UTC time into a local day by joining the
 * period it falls in, the same way on MariaDB and SingleStore (neither needs its time-zone tables).
 */
public final class TimeZoneOffsets {

	static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

	private static final Instant FIRST = LocalDateTime.of(1900, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

	private static final Instant LAST = LocalDateTime.of(2200, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

	private TimeZoneOffsets() {
	}

	/** One period: [from, to) in UTC with its offset from UTC. */
	public record Period(String validFrom, String validTo, int offsetSeconds) {
	}

	/** The periods covering 1000-01-01 to 9999-12-31 (transitions between 1900 and 2200). */
	public static List<Period> periods(ZoneId zone) {
		ZoneRules rules = zone.getRules();
		List<Period> periods = new ArrayList<>();
		String from = "1000-01-01 00:00:00.000000";
		ZoneOffsetTransition next = rules.nextTransition(FIRST);
		int offset = rules.getOffset(FIRST).getTotalSeconds();
		while (next != null && next.getInstant().isBefore(LAST)) {
			String to = sql(next.getInstant());
			periods.add(new Period(from, to, offset));
			from = to;
			offset = next.getOffsetAfter().getTotalSeconds();
			next = rules.nextTransition(next.getInstant());
		}
		periods.add(new Period(from, "9999-12-31 23:59:59.999999", offset));
		return periods;
	}

	/** An instant as a UTC DATETIME literal. */
	public static String sql(Instant instant) {
		return SQL.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
	}
}
