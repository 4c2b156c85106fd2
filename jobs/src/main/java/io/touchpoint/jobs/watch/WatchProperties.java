package io.touchpoint.jobs.watch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where {@code touchpoint scheduler} serves its health, metrics and status page:
 * {@code touchpoint.scheduler.http-port} (0 picks a free port, -1 turns HTTP off),
 * {@code touchpoint.scheduler.http-address} (loopback by default: nothing is authenticated) and
 * {@code touchpoint.scheduler.http.enabled}. application.properties defaults the port and address to Spring Boot's
 * {@code server.port} and {@code server.address} ({@code SERVER_PORT}, {@code SERVER_ADDRESS}), the documented way
 * to set them; these two names are aliases that win when set.
 */
@Validated
@ConfigurationProperties("touchpoint.scheduler")
public record WatchProperties(@DefaultValue("8080") @Min(-1) @Max(65535) int httpPort,
		@DefaultValue("127.0.0.1") @NotBlank String httpAddress, @DefaultValue Http http) {

	/** {@code touchpoint.scheduler.http.enabled}: false turns the HTTP server off, as a port of -1 does. */
	public record Http(@DefaultValue("true") boolean enabled) {
	}

	/** Whether the scheduler serves HTTP at all. */
	public boolean serves() {
		return http.enabled() && httpPort >= 0;
	}
}
