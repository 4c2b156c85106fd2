package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.rollup.RollupProperties.TouchpointCounting;

/**
 * {@code touchpoint.rollups.threads} above 1 is refused on a SingleStore warehouse, when the runner is made (no
 * connection is opened), and taken on MariaDB.
 */
class RollupThreadsTests {

	@Test
	void aSingleStoreWarehouseRefusesTwoThreadsAndNamesTheSetting() {
		assertThatThrownBy(() -> runner("jdbc:singlestore://dw.example:3306/touchpoint", 2))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("touchpoint.rollups.threads is 2")
			.hasMessageContaining("Set touchpoint.rollups.threads=1");
	}

	@Test
	void aSingleStoreWarehouseTakesOneThreadAndMariaDbTakesTwo() {
		assertThat(runner("jdbc:singlestore://dw.example:3306/touchpoint", 1)).isNotNull();
		assertThat(runner("jdbc:mariadb://dw.example:3306/touchpoint", 2)).isNotNull();
	}

	private static RollupRunner runner(String warehouseUrl, int threads) {
		Endpoints endpoints = new Endpoints(new TouchpointProperties.Database(warehouseUrl, "tp", "pw"),
				new TouchpointProperties.Database("jdbc:mariadb://meta.example:3306/touchpoint", null, null),
				URI.create("http://s3.example"), "us-east-1", "touchpoint", true, null, false);
		return new RollupRunner(new DriverManagerDataSource(warehouseUrl),
				new RollupProperties(ZoneOffset.UTC, TouchpointCounting.EVER, null, 30, Duration.ofMinutes(30), 50, threads),
				new RollupProperties.TenantSettings(Map.of()), FunnelProperties.none(), endpoints);
	}
}
