package io.touchpoint.jobs.ingest;

import static io.touchpoint.jobs.support.FaultRuns.failure;
import static io.touchpoint.jobs.support.FaultRuns.request;
import static io.touchpoint.jobs.support.FaultRuns.stagedKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.support.FaultProxy;
import io.touchpoint.jobs.support.FaultRuns;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.NetworkFaults;
import io.touchpoint.jobs.support.WarehouseSnapshot;

/**
 * S3 goes away (connections reset) or hangs (a black hole) in the middle of normalize's work-part uploads, the
 * stage step's publishing and the load step's reads, through a real TCP proxy in front of the shared S3Proxy.
 * Each call is retried touchpoint.s3.max-attempts (3 here) times with backoff, then the step fails naming the
 * bucket and key, the attempts and what to do; once S3 is back a restart ends with exactly the tables of a
 * clean run. Parts hold 2 rows here, so each table spans several parts and the fault lands after some of them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard only: the tests wait on the runs, not on time
class S3FaultsIntegrationTests extends IntegrationTest {

	private static final String BUCKET = "touchpoint";

	private static Map<String, List<String>> clean;

	@Autowired
	private JobRuns runs;

	@Autowired
	private NetworkFaults network;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	private FaultRuns faultRuns;

	@BeforeEach
	void cleanRunOnce() throws Exception {
		faultRuns = new FaultRuns(runs, warehouse, home());
		if (clean == null) {
			clean = faultRuns.cleanRun("s3-clean");
		}
	}

	@AfterEach
	void s3IsBack() {
		network.passAll();
	}

	@Test
	void s3GoneMidNormalizeRetriesThenFailsAndARestartLoadsEveryRowOnce() throws Exception {
		// given S3 resets every connection from normalize's third work-part upload on
		s3().faultWhenClientSends(request("PUT", "/touchpoint/work/"), 3, FaultProxy.Mode.RESET);

		// when
		JobExecution failed = faultRuns.night("s3-normalize");

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(failed, "normalize")).contains("bucket " + BUCKET + " key work/batch=")
			.contains("could not reach S3")
			.contains("after 3 attempt(s)")
			.contains("restart");
		assertThat(s3().faultedConnections()).as("the retries met the fault").isGreaterThanOrEqualTo(2);
		assertRestartLoadsEveryRowOnce(failed);
	}

	@Test
	void s3GoneMidStageRetriesThenFailsNamingTheKeyAndARestartLoadsEveryRowOnce() throws Exception {
		// given S3 resets every connection when the stage step copies the third part of contacts
		s3().faultWhenClientSends(request("PUT", "/touchpoint/staging/contacts/", "tenant=s3-stage/", "part-00003"), 1,
				FaultProxy.Mode.RESET);

		// when
		JobExecution failed = faultRuns.night("s3-stage");

		// then the first parts were published, the second names its key and bucket
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(failed, "stage")).contains("bucket " + BUCKET + " key " + stagedKey(failed, "contacts", 3))
			.contains("CopyObject")
			.contains("after 3 attempt(s)")
			.contains("restart the execution");
		assertThat(loadedRows("s3-stage")).isZero();
		assertRestartLoadsEveryRowOnce(failed);
	}

	@Test
	void s3GoneMidLoadRetriesThenFailsNamingTheKeyAndARestartLoadsEveryRowOnce() throws Exception {
		// given S3 resets every connection when the load step reads the third part of contacts
		s3().faultWhenClientSends(request("GET", "/touchpoint/staging/contacts/", "tenant=s3-load/", "part-00003"), 1,
				FaultProxy.Mode.RESET);

		// when
		JobExecution failed = faultRuns.night("s3-load");

		// then the parts before it are loaded and recorded, the failure names the part
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(failed, "load")).contains("bucket " + BUCKET + " key " + stagedKey(failed, "contacts", 3))
			.contains("GetObject")
			.contains("after 3 attempt(s)");
		assertThat(ledgerKeys("s3-load")).contains(stagedKey(failed, "contacts", 2))
			.doesNotContain(stagedKey(failed, "contacts", 3));
		assertRestartLoadsEveryRowOnce(failed);
	}

	@Test
	void slowS3TimesOutOnEachAttemptAndSaysWhichSettingToRaise() throws Exception {
		// given S3 stops answering (connections stay open) when the load step reads the third part of contacts
		s3().faultWhenClientSends(request("GET", "/touchpoint/staging/contacts/", "tenant=s3-slow/", "part-00003"), 1,
				FaultProxy.Mode.BLACKHOLE);

		// when
		JobExecution failed = faultRuns.night("s3-slow");

		// then each of the 3 attempts timed out after the configured 4 s, and the message says so
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(failed, "load")).contains("timed out after 4s (touchpoint.s3.attempt-timeout)")
			.contains("bucket " + BUCKET + " key " + stagedKey(failed, "contacts", 3))
			.contains("after 3 attempt(s)")
			.contains("raise touchpoint.s3.attempt-timeout");
		assertThat(s3().faultedConnections()).as("the retries met the black hole").isGreaterThanOrEqualTo(3);
		assertRestartLoadsEveryRowOnce(failed);
	}

	private void assertRestartLoadsEveryRowOnce(JobExecution failed) throws Exception {
		network.passAll();
		JobExecution restarted = faultRuns.restart(failed);
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String tenant = failed.getJobParameters().getString(IngestParameters.TENANT);
		Map<String, List<String>> after = faultRuns.snapshot(tenant);
		assertThat(WarehouseSnapshot.counts(after)).isEqualTo(WarehouseSnapshot.counts(clean));
		assertThat(after).isEqualTo(clean);
		// the fixture: 2 purchases, 1 refund, 4 contacts, 4 tags, 3 touchpoints, 3 quarantined records
		assertThat(WarehouseSnapshot.counts(after)).containsEntry("purchases", 2).containsEntry("refunds", 1)
			.containsEntry("contacts", 4).containsEntry("quarantine", 3);
	}

	private long loadedRows(String tenant) {
		return new JdbcTemplate(warehouse).queryForObject(
				"SELECT COALESCE(SUM(row_count), 0) FROM load_ledger WHERE tenant_id = ?", Long.class, tenant);
	}

	private List<String> ledgerKeys(String tenant) {
		return new JdbcTemplate(warehouse).queryForList("SELECT staged_key FROM load_ledger WHERE tenant_id = ?",
				String.class, tenant);
	}

	private FaultProxy s3() {
		return network.s3();
	}
}
