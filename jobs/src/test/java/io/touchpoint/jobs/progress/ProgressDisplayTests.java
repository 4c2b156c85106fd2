package io.touchpoint.jobs.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where progress goes: one terminal line rewritten in place and cleared at the step's end, or log lines;
 * the mode chosen from touchpoint.progress.mode and whether stderr is a terminal. A fake clock and an
 * in-memory stream stand for time and the terminal.
 */
class ProgressDisplayTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(500 * SECOND);

	private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

	private final List<String> logged = new ArrayList<>();

	@Test
	void onATerminalOneLineIsRewrittenInPlaceEverySecondAndClearedWhenTheStepEnds() {
		// given line mode with the default 10 s interval: the line is redrawn every second
		ProgressMeters meters = meters(new ProgressProperties(Duration.ofSeconds(10), ProgressMode.AUTO), true);
		ProgressMeter meter = meters.meter("load acme 2026-11-19");
		meter.start(0, 0);

		// when 1 s loads 52,000 of 600,000 rows, then 1 s more loads 52,000 more
		clock.addAndGet(SECOND);
		meter.update(52_000, 52_000, 600_000);
		clock.addAndGet(SECOND);
		meter.update(104_000, 104_000, 600_000);

		// then each line starts with a carriage return; 496,000 rows left at 52,000 rows/s is 9.5 s, shown ~0:10
		assertThat(text()).isEqualTo("\rload acme 2026-11-19: 52,000 rows, 52,000 rows/s, ~0:11"
				+ " left\rload acme 2026-11-19: 104,000 rows, 52,000 rows/s, ~0:10 left");
		assertThat(logged).isEmpty();

		// when the step ends, the line is blanked and the cursor is back at its start
		terminal.reset();
		meter.finish();
		assertThat(text()).isEqualTo("\r" + " ".repeat("load acme 2026-11-19: 104,000 rows, 52,000 rows/s, ~0:10 left".length())
				+ "\r");
	}

	@Test
	void aShorterLineIsPaddedOverTheLongerOneItReplaces() {
		TerminalLine line = new TerminalLine(new PrintStream(terminal, true, StandardCharsets.UTF_8), (m, l) -> logged.add(l));
		ProgressMeter meter = new ProgressMeter("x", Duration.ofSeconds(1), line, clock::get);

		line.show(meter, "normalize acme: 9,000 rows, ~1:05 left");
		line.show(meter, "normalize acme: 9,500 rows");

		// "normalize acme: 9,000 rows, ~1:05 left" is 38 characters, "normalize acme: 9,500 rows" 26: 12 spaces
		assertThat(text()).endsWith("\rnormalize acme: 9,500 rows" + " ".repeat(12));
	}

	@Test
	void aSecondMeterBesideTheOneOwningTheLineWritesLogLinesUntilTheLineIsFree() {
		TerminalLine line = new TerminalLine(new PrintStream(terminal, true, StandardCharsets.UTF_8), (m, l) -> logged.add(l));
		ProgressMeter acme = new ProgressMeter("acme", Duration.ofSeconds(1), line, clock::get);
		ProgressMeter globex = new ProgressMeter("globex", Duration.ofSeconds(1), line, clock::get);

		line.show(acme, "acme: 1 rows");
		line.show(globex, "globex: 2 rows");
		line.finish(globex);
		line.finish(acme);
		line.show(globex, "globex: 3 rows");

		assertThat(logged).containsExactly("globex: 2 rows");
		assertThat(text()).isEqualTo("\racme: 1 rows\r" + " ".repeat(12) + "\r\rglobex: 3 rows");
	}

	@Test
	void whenStderrIsNotATerminalProgressIsLogLinesEveryInterval() {
		ProgressMeters meters = meters(new ProgressProperties(Duration.ofSeconds(10), ProgressMode.AUTO), false);
		ProgressMeter meter = meters.meter("normalize acme 2026-11-19");
		meter.start(0, 0);

		clock.addAndGet(5 * SECOND);
		meter.update(1_000, 0, 0);
		clock.addAndGet(5 * SECOND);
		meter.update(2_000, 0, 0);
		meter.finish();

		// one line after 10 s (2,000 rows in 10 s: 200 rows/s), none at 5 s; no carriage return anywhere
		assertThat(meters.mode()).isEqualTo(ProgressMode.LOG);
		assertThat(logged).containsExactly("normalize acme 2026-11-19: 2,000 rows, 200 rows/s");
		assertThat(text()).isEmpty();
	}

	@Test
	void theModeIsChosenFromTheSettingAndTheTerminal() {
		assertThat(ProgressMode.AUTO.resolve(true)).isEqualTo(ProgressMode.LINE);
		assertThat(ProgressMode.AUTO.resolve(false)).isEqualTo(ProgressMode.LOG);
		assertThat(ProgressMode.LINE.resolve(false)).isEqualTo(ProgressMode.LINE);
		assertThat(ProgressMode.LOG.resolve(true)).isEqualTo(ProgressMode.LOG);
		assertThat(ProgressMode.OFF.resolve(true)).isEqualTo(ProgressMode.OFF);

		// a 250 ms interval is shorter than the redraw: kept; an interval of 0 turns every mode off
		assertThat(meters(new ProgressProperties(Duration.ofMillis(250), ProgressMode.LINE), false).interval())
			.isEqualTo(Duration.ofMillis(250));
		assertThat(meters(new ProgressProperties(Duration.ofSeconds(10), ProgressMode.LINE), false).interval())
			.isEqualTo(Duration.ofSeconds(1));
		ProgressMeters zero = meters(new ProgressProperties(Duration.ZERO, ProgressMode.LINE), true);
		assertThat(zero.mode()).isEqualTo(ProgressMode.OFF);
		ProgressMeters off = meters(new ProgressProperties(Duration.ofSeconds(10), ProgressMode.OFF), true);
		ProgressMeter meter = off.meter("load acme 2026-11-19");
		meter.start(0, 0);
		clock.addAndGet(60 * SECOND);
		assertThat(meter.update(1_000, 1_000, 2_000)).isNull();
		assertThat(text()).isEmpty();
		assertThat(logged).isEmpty();
	}

	@Test
	void stderrIsATerminalOnlyWithAConsoleAndWhenItsFileIsATerminalDevice(@TempDir Path dir) throws Exception {
		Path toPts = Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"));
		Path toTty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"));
		Path toFile = Files.createSymbolicLink(dir.resolve("file"), dir.resolve("touchpoint.err"));
		Object console = new Object();

		assertThat(Terminal.stderrIsTerminal(() -> console, toPts)).isTrue();
		assertThat(Terminal.stderrIsTerminal(() -> console, toTty)).isTrue();
		// 2>touchpoint.err
		assertThat(Terminal.stderrIsTerminal(() -> console, toFile)).isFalse();
		// stdin or stdout redirected (no console)
		assertThat(Terminal.stderrIsTerminal(() -> null, toPts)).isFalse();
		// no /proc: the console decides
		assertThat(Terminal.stderrIsTerminal(() -> console, dir.resolve("missing"))).isTrue();
		Files.delete(toPts);
		Files.delete(toTty);
	}

	private ProgressMeters meters(ProgressProperties properties, boolean stderrIsTerminal) {
		return ProgressMeters.of(properties, stderrIsTerminal, new PrintStream(terminal, true, StandardCharsets.UTF_8),
				ProgressDisplay.lines(logged::add), clock::get);
	}

	private String text() {
		return terminal.toString(StandardCharsets.UTF_8);
	}
}
