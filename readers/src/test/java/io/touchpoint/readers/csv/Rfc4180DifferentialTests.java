package io.touchpoint.readers.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Rfc4180} against the character-by-character state machine it replaced (copied below as
 * {@link #referenceSplit} and {@link #referenceScan}), over seeded random text made of the
 * characters that matter: quotes, separators, line breaks, spaces and multi-char code points.
 */
class Rfc4180DifferentialTests {

	private static final String[] ALPHABET = { "a", ",", "\"", "\"", ";", "\t", "\n", "\r", " ", "é", "😀" };
	// A quote separator is refused by CsvRecordReader, but Rfc4180 takes any char and must agree for it too.
	private static final char[] SEPARATORS = { ',', ';', '\t', '"' };
	private static final int CASES = 20_000;

	@Test
	void splitReturnsTheSameFieldsAsTheStateMachine() {
		// given
		Random random = new Random(4180);

		for (int n = 0; n < CASES; n++) {
			String record = randomText(random, 24);
			for (char separator : SEPARATORS) {
				// when
				String[] fields = Rfc4180.split(record, separator);

				// then
				assertThat(fields).as("split of [%s] at '%s'", record, separator)
					.containsExactly(referenceSplit(record, separator));
			}
		}
	}

	@Test
	void scanEndsInTheSameStateAsTheStateMachineWhateverTheTextAndItsPieces() {
		// given
		Random random = new Random(4181);

		for (int n = 0; n < CASES; n++) {
			String prefix = randomText(random, 4);
			String text = randomText(random, 24);
			String suffix = randomText(random, 4);
			String whole = prefix + text + suffix;
			int[] cuts = randomCuts(random, prefix.length(), prefix.length() + text.length());
			for (char separator : SEPARATORS) {
				for (CharSequence buffer : List.of(whole, new StringBuilder(whole), CharBuffer.wrap(whole))) {
					// when
					Rfc4180 quotes = new Rfc4180(separator);
					int expected = FIELD_START;
					for (int i = 1; i < cuts.length; i++) {
						quotes.scan(buffer, cuts[i - 1], cuts[i]);
						expected = referenceScan(expected, buffer, cuts[i - 1], cuts[i], separator);

						// then
						assertThat(quotes.state()).as("state after [%s] up to %d in %s at '%s'", whole, cuts[i],
								buffer.getClass().getSimpleName(), separator).isEqualTo(expected);
						assertThat(quotes.insideQuotes()).isEqualTo(expected == QUOTED);
					}
				}
			}
		}
	}

	private static String randomText(Random random, int maxTokens) {
		StringBuilder text = new StringBuilder();
		int tokens = random.nextInt(maxTokens + 1);
		for (int i = 0; i < tokens; i++) {
			text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
		}
		return text.toString();
	}

	/** {@code from}, a few sorted cut points (empty pieces allowed, even inside a surrogate pair), {@code to}. */
	private static int[] randomCuts(Random random, int from, int to) {
		int[] cuts = new int[2 + random.nextInt(4)];
		cuts[0] = from;
		cuts[cuts.length - 1] = to;
		for (int i = 1; i < cuts.length - 1; i++) {
			cuts[i] = from + random.nextInt(to - from + 1);
		}
		Arrays.sort(cuts);
		return cuts;
	}

	// The state machine as it was before the indexOf version, unchanged.

	private static final int FIELD_START = 0;
	private static final int UNQUOTED = 1;
	private static final int QUOTED = 2;
	private static final int QUOTE_IN_QUOTED = 3;
	private static final char QUOTE = '"';

	private static int referenceScan(int state, CharSequence text, int from, int to, char separator) {
		int s = state;
		for (int i = from; i < to; i++) {
			s = next(s, text.charAt(i), separator);
		}
		return s;
	}

	private static int next(int s, char c, char separator) {
		switch (s) {
			case FIELD_START :
				return c == QUOTE ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
			case UNQUOTED :
				return c == separator ? FIELD_START : UNQUOTED;
			case QUOTED :
				return c == QUOTE ? QUOTE_IN_QUOTED : QUOTED;
			default :
				return c == QUOTE ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
		}
	}

	private static String[] referenceSplit(String record, char separator) {
		List<String> fields = new ArrayList<>();
		StringBuilder value = new StringBuilder();
		int s = FIELD_START;
		for (int i = 0; i < record.length(); i++) {
			char c = record.charAt(i);
			switch (s) {
				case FIELD_START :
					if (c == QUOTE) {
						s = QUOTED;
					}
					else if (c == separator) {
						fields.add("");
					}
					else {
						value.append(c);
						s = UNQUOTED;
					}
					break;
				case UNQUOTED :
					if (c == separator) {
						fields.add(value.toString());
						value.setLength(0);
						s = FIELD_START;
					}
					else {
						value.append(c);
					}
					break;
				case QUOTED :
					if (c == QUOTE) {
						s = QUOTE_IN_QUOTED;
					}
					else {
						value.append(c);
					}
					break;
				default :
					if (c == QUOTE) {
						value.append(QUOTE);
						s = QUOTED;
					}
					else if (c == separator) {
						fields.add(value.toString());
						value.setLength(0);
						s = FIELD_START;
					}
					else {
						value.append(c);
						s = UNQUOTED;
					}
					break;
			}
		}
		fields.add(value.toString());
		return fields.toArray(new String[0]);
	}
}
