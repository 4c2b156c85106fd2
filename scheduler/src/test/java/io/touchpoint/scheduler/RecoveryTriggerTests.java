package io.touchpoint.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The failed node a recovery trigger names: Quartz's cluster manager calls the trigger it makes for a dead
 * node's in-flight job {@code recover_<instance id>_<number>} (JobStoreSupport.clusterRecover).
 */
class RecoveryTriggerTests {

	@Test
	void theFailedNodeIsTheInstanceIdBetweenThePrefixAndTheLastUnderscore() {
		assertThat(TenantRunJob.failedNode("recover_node-a_1733580000000")).isEqualTo("node-a");
		assertThat(TenantRunJob.failedNode("recover_host_1-4711-ab12cd34_17")).isEqualTo("host_1-4711-ab12cd34");
	}

	@Test
	void anyOtherTriggerNamesNoFailedNode() {
		assertThat(TenantRunJob.failedNode("nightly.acme.1733580000")).isNull();
		assertThat(TenantRunJob.failedNode("recover_")).isNull();
		assertThat(TenantRunJob.failedNode("recover__1")).isNull();
	}
}
