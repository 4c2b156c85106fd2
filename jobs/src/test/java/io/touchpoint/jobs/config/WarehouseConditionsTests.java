package io.touchpoint.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The warehouse conditions register a configuration for the warehouse that is configured: the embedded default
 * when no URL is set (a MySQL dialect), the external one otherwise, with the URL's dialect.
 */
class WarehouseConditionsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Marked.class);

	@Test
	void noWarehouseUrlIsTheEmbeddedDefaultInTheMysqlDialect() {
		// given no touchpoint.warehouse.url, when the context starts, then
		runner.run(context -> assertThat(context.getBeansOfType(String.class)).containsOnlyKeys("embedded", "mysql"));
	}

	@Test
	void aBlankWarehouseUrlIsTheEmbeddedDefaultToo() {
		runner.withPropertyValues("touchpoint.warehouse.url= ")
			.run(context -> assertThat(context.getBeansOfType(String.class)).containsOnlyKeys("embedded", "mysql"));
	}

	@Test
	void aMariadbUrlIsAnExternalMysqlWarehouse() {
		runner.withPropertyValues("touchpoint.warehouse.url=jdbc:mariadb://db.example:3306/touchpoint")
			.run(context -> assertThat(context.getBeansOfType(String.class)).containsOnlyKeys("external", "mysql"));
	}

	@Test
	void aSinglestoreUrlIsAnExternalSinglestoreWarehouse() {
		runner.withPropertyValues("touchpoint.warehouse.url=jdbc:singlestore://svc.example:3306/touchpoint")
			.run(context -> assertThat(context.getBeansOfType(String.class)).containsOnlyKeys("external", "singlestore"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Marked {

		@Bean
		@ConditionalOnEmbeddedDefault
		String embedded() {
			return "embedded";
		}

		@Bean
		@ConditionalOnExternalWarehouse
		String external() {
			return "external";
		}

		@Bean
		@ConditionalOnWarehouseDialect(WarehouseDialect.MYSQL)
		String mysql() {
			return "mysql";
		}

		@Bean
		@ConditionalOnWarehouseDialect(WarehouseDialect.SINGLESTORE)
		String singlestore() {
			return "singlestore";
		}
	}
}
