package io.touchpoint.jobs.failures;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureMessagesTests {

	@Test
	void theOutermostTouchpointExceptionExplainsAStoredStackTrace() {
		String description = """
				org.springframework.batch.core.step.FatalStepExecutionException: Unable to process chunk
					at org.springframework.batch.core.step.item.ChunkOrientedStep.processChunkSequentially(ChunkOrientedStep.java:555)
				Caused by: io.touchpoint.readers.MalformedFileException: stripe/x.csv line 2: bytes that are not valid UTF-8; re-export it
					at io.touchpoint.readers.text.NumberedLineReader.fail(NumberedLineReader.java:200)
				Caused by: io.touchpoint.readers.text.InvalidBytesException: bytes 0xE9 are not valid UTF-8
					... 12 more
				""";
		assertThat(FailureMessages.fromExitDescription(description))
			.isEqualTo("stripe/x.csv line 2: bytes that are not valid UTF-8; re-export it");
	}

	@Test
	void withoutATouchpointExceptionTheDeepestCauseIsShown() {
		var failure = new IllegalStateException("outer", new java.io.IOException("disk full"));
		assertThat(FailureMessages.summarize(failure)).isEqualTo("disk full");
		assertThat(FailureMessages.fromExitDescription(
				"java.lang.IllegalStateException: outer\nCaused by: java.io.IOException: disk full\n"))
			.isEqualTo("disk full");
	}
}
