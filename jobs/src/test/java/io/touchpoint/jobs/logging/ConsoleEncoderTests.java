package io.touchpoint.jobs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The console's two formats: the text pattern by default, one ECS JSON object per line when a format is named. */
class ConsoleEncoderTests {

	@Test
	void writesTheTextPatternWithoutAStructuredFormat() {
		// given
		ConsoleEncoder encoder = encoder("");

		// when
		String line = new String(encoder.encode(event()), StandardCharsets.UTF_8);

		// then
		assertThat(line).isEqualTo("WARN load: 3 files\n");
	}

	@Test
	void writesOneEcsJsonObjectPerLineWithTheRunsMdcKeys() {
		// given
		ConsoleEncoder encoder = encoder("ecs");

		// when
		String line = new String(encoder.encode(event()), StandardCharsets.UTF_8);

		// then
		assertThat(line).endsWith("\n").doesNotContain("\n{");
		JsonNode json = JsonMapper.shared().readTree(line);
		assertThat(json.get("message").asString()).isEqualTo("load: 3 files");
		assertThat(json.get("tenant").asString()).isEqualTo("acme");
		assertThat(json.get("job").asString()).isEqualTo("nightly");
		assertThat(json.get("execution").asString()).isEqualTo("42");
		assertThat(json.get("step").asString()).isEqualTo("load");
		assertThat(json.has("@timestamp")).isTrue();
	}

	private static ConsoleEncoder encoder(String format) {
		LoggerContext context = new LoggerContext();
		context.putObject(Environment.class.getName(), new StandardEnvironment());
		ConsoleEncoder encoder = new ConsoleEncoder();
		encoder.setContext(context);
		encoder.setPattern("%-4level %msg%n");
		encoder.setStructuredFormat(format);
		encoder.start();
		return encoder;
	}

	private static LoggingEvent event() {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerName("io.touchpoint.jobs.ingest.LoadTasklet");
		event.setLevel(Level.WARN);
		event.setMessage("load: 3 files");
		event.setThreadName("main");
		event.setTimeStamp(1_700_000_000_000L);
		event.setMDCPropertyMap(Map.of("tenant", "acme", "job", "nightly", "execution", "42", "step", "load"));
		return event;
	}
}
