package io.touchpoint.jobs.logging;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console's encoder (logback-spring.xml): one line of text per event ({@code pattern}), or, when
 * {@code logging.structured.format.console} (environment: {@code LOGGING_STRUCTURED_FORMAT_CONSOLE}) names a
 * format, one JSON object per line in it ({@code ecs}, {@code gelf} or {@code logstash}: Spring Boot's
 * structured logging), with the MDC keys of {@link JobLogContext} as fields, for a log stack to ingest.
 */
public final class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

	private String pattern;

	private @Nullable String structuredFormat;

	private @Nullable Encoder<ILoggingEvent> delegate;

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	/** A structured format's name; empty or unset: text. */
	public void setStructuredFormat(String structuredFormat) {
		this.structuredFormat = structuredFormat;
	}

	@Override
	public void start() {
		if (structuredFormat != null && !structuredFormat.isBlank()) {
			StructuredLogEncoder structured = new StructuredLogEncoder();
			structured.setContext(getContext());
			structured.setFormat(structuredFormat.trim());
			structured.setCharset(StandardCharsets.UTF_8);
			delegate = structured;
		}
		else {
			PatternLayoutEncoder text = new PatternLayoutEncoder();
			text.setContext(getContext());
			text.setPattern(pattern);
			delegate = text;
		}
		delegate.start();
		super.start();
	}

	@Override
	public void stop() {
		if (delegate != null) {
			delegate.stop();
		}
		super.stop();
	}

	@Override
	public byte[] headerBytes() {
		return delegate.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return delegate.encode(event);
	}

	@Override
	public byte[] footerBytes() {
		return delegate.footerBytes();
	}
}
