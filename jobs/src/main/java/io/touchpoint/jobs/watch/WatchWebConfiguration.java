package io.touchpoint.jobs.watch;

import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.actuate.endpoint.web.WebMvcHealthEndpointExtensionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.alerts.Secrets;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.WarehouseDataSource;

/**
 * The scheduler's web layer, a child of the application context: Tomcat and Spring MVC, a Prometheus
 * registry (with JVM and system metrics) that {@link RunMetrics} records into, the health of the metadata
 * database, the warehouse and the staging bucket ({@code metadata}, {@code warehouse}, {@code s3}), the
 * Actuator endpoints {@code health} (with the probe groups {@code liveness} and {@code readiness}), {@code info}
 * (the build's version and time) and {@code prometheus}, and the status page at {@code /}. Not a
 * {@code @Configuration}, so the application's component scan never picks it up: only
 * {@link WatchServer} registers it, and every other command stays a plain, non-web application.
 */
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
		JacksonAutoConfiguration.class, MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		PrometheusMetricsExportAutoConfiguration.class, JvmMetricsAutoConfiguration.class, SystemMetricsAutoConfiguration.class,
		EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
		ManagementContextAutoConfiguration.class, ServletManagementContextAutoConfiguration.class,
		HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
		HealthEndpointAutoConfiguration.class, WebMvcHealthEndpointExtensionAutoConfiguration.class,
		ApplicationAvailabilityAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
		ProjectInfoAutoConfiguration.class, InfoContributorAutoConfiguration.class, InfoEndpointAutoConfiguration.class })
class WatchWebConfiguration {

	/** How many executions the status page lists. */
	static final int EXECUTIONS = 50;

	private static final RequestPredicate READ = RequestPredicates.method(HttpMethod.GET)
		.or(RequestPredicates.method(HttpMethod.HEAD));

	@Bean
	HealthIndicator metadataHealthIndicator(DataSource metadataDataSource, Endpoints endpoints, Secrets alertSecrets) {
		return new DatabaseHealth("metadata", metadataDataSource, endpoints.metadata().url(), alertSecrets);
	}

	@Bean
	HealthIndicator warehouseHealthIndicator(@WarehouseDataSource DataSource warehouseDataSource, Endpoints endpoints,
			Secrets alertSecrets) {
		return new DatabaseHealth("warehouse", warehouseDataSource, endpoints.warehouse().url(), alertSecrets);
	}

	@Bean
	HealthIndicator s3HealthIndicator(S3Client s3Client, Endpoints endpoints, Secrets alertSecrets) {
		return new S3Health(s3Client, endpoints.bucket(), endpoints.s3Region(), endpoints.s3Endpoint(), alertSecrets);
	}

	/** The status page at {@code /}: GET (and HEAD) only, anything else is 405, the page changes nothing. */
	@Bean
	RouterFunction<ServerResponse> statusPage(StatusSource source) {
		return RouterFunctions.route()
			.route(READ.and(RequestPredicates.path("/")), request -> ServerResponse.ok()
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.body(source.render(EXECUTIONS)))
			.route(RequestPredicates.path("/").and(READ.negate()),
					request -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "GET, HEAD").build())
			.build();
	}

	/** What the status page shows, read at each request. */
	interface StatusSource {

		String render(int executions);
	}
}
