package io.touchpoint.jobs.support;

import java.net.URI;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;

/**
 * Puts a {@link FaultProxy} between the shared test context and each of its embedded S3Proxy, warehouse
 * database and metadata database (the same MariaDB server as the warehouse, another schema: the JobRepository
 * and Touchpoint's bookkeeping), so a test can fail each apart. The proxies pass traffic unless a test switches
 * them; a test that does must call {@link #passAll()} when it ends so the tests after it find the servers again.
 */
public final class NetworkFaults implements BeanPostProcessor {

	private volatile FaultProxy s3;

	private volatile FaultProxy warehouse;

	private volatile FaultProxy metadata;

	/** The proxy in front of S3Proxy. */
	public FaultProxy s3() {
		return s3;
	}

	/** The proxy in front of the warehouse database. */
	public FaultProxy warehouse() {
		return warehouse;
	}

	/** The proxy in front of the metadata database. */
	public FaultProxy metadata() {
		return metadata;
	}

	public void passAll() {
		s3.pass();
		warehouse.pass();
		metadata.pass();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof Endpoints endpoints) || !endpoints.embedded() || s3 != null) {
			return bean;
		}
		URI s3Endpoint = endpoints.s3Endpoint();
		s3 = FaultProxy.start("s3-proxy", s3Endpoint.getHost(), s3Endpoint.getPort());
		warehouse = proxy("warehouse-proxy", endpoints.warehouse());
		metadata = proxy("metadata-proxy", endpoints.metadata());
		return new Endpoints(through(warehouse, endpoints.warehouse()), through(metadata, endpoints.metadata()),
				URI.create("http://127.0.0.1:" + s3.port()), endpoints.s3Region(), endpoints.bucket(), endpoints.pathStyle(),
				endpoints.credentials(), true);
	}

	private static FaultProxy proxy(String name, TouchpointProperties.Database database) {
		URI jdbc = URI.create(database.url().substring("jdbc:".length()));
		return FaultProxy.start(name, jdbc.getHost(), jdbc.getPort());
	}

	/** The database reached through {@code proxy} (same schema, user and options). */
	private static TouchpointProperties.Database through(FaultProxy proxy, TouchpointProperties.Database database) {
		URI jdbc = URI.create(database.url().substring("jdbc:".length()));
		String proxied = database.url().replace(jdbc.getHost() + ":" + jdbc.getPort(), "127.0.0.1:" + proxy.port());
		return new TouchpointProperties.Database(proxied, database.username(), database.password());
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static NetworkFaults networkFaults() {
			return new NetworkFaults();
		}
	}
}
