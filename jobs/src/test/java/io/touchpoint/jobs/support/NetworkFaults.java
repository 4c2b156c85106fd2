package io.touchpoint.jobs.support;

import java.net.URI;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;

/**
 * Puts a {@link FaultProxy} between the shared test context and each of its embedded S3Proxy and warehouse
 * database (the metadata database stays direct, so the JobRepository can record a failure while the warehouse
 * is down). The proxies pass traffic unless a test switches them; a test that does must call
 * {@link #passAll()} when it ends so the tests after it find both servers again.
 */
public final class NetworkFaults implements BeanPostProcessor {

	private volatile FaultProxy s3;

	private volatile FaultProxy warehouse;

	/** The proxy in front of S3Proxy. */
	public FaultProxy s3() {
		return s3;
	}

	/** The proxy in front of the warehouse database. */
	public FaultProxy warehouse() {
		return warehouse;
	}

	public void passAll() {
		s3.pass();
		warehouse.pass();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof Endpoints endpoints) || !endpoints.embedded() || s3 != null) {
			return bean;
		}
		URI s3Endpoint = endpoints.s3Endpoint();
		s3 = FaultProxy.start("s3-proxy", s3Endpoint.getHost(), s3Endpoint.getPort());
		URI jdbc = URI.create(endpoints.warehouse().url().substring("jdbc:".length()));
		warehouse = FaultProxy.start("warehouse-proxy", jdbc.getHost(), jdbc.getPort());
		String proxied = endpoints.warehouse().url().replace(jdbc.getHost() + ":" + jdbc.getPort(),
				"127.0.0.1:" + warehouse.port());
		TouchpointProperties.Database database = endpoints.warehouse();
		return new Endpoints(new TouchpointProperties.Database(proxied, database.username(), database.password()),
				endpoints.metadata(), URI.create("http://127.0.0.1:" + s3.port()), endpoints.s3Region(), endpoints.bucket(),
				endpoints.pathStyle(), endpoints.credentials(), true);
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static NetworkFaults networkFaults() {
			return new NetworkFaults();
		}
	}
}
