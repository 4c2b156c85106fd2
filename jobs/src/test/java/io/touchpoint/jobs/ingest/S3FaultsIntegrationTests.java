package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.touchpoint.jobs.support.FaultIntegrationTest;
import io.touchpoint.jobs.support.FaultProxy;

/**
 * S3 goes away (connections reset) or hangs (a black hole) in the middle of normalize's work-part uploads, the
 * stage step's publishing and the load step's reads, through a real TCP proxy in front of the shared S3Proxy.
 * Each call is tried touchpoint.s3.max-attempts (3 here) times with backoff, then the step fails naming the
 * operation, bucket and key, the attempts and what to do; once S3 is back a restart ends with exactly the
 * tables of a clean run. Parts hold 2 rows here, so contacts span 5 parts and the fault lands after some.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard only: the tests wait on the runs, not on time
class S3FaultsIntegrationTests extends FaultIntegrationTest {

	private static final String BUCKET = "touchpoint";

	@Test
	void s3GoneMidNormalizeRetriesThenFailsAndARestartLoadsEveryRowOnce() throws Exception {
		// when S3 resets every connection from normalize's third work-part upload on
		JobExecution failed = nightWithS3Fault("s3-normalize", request("PUT", "/touchpoint/work/"), 3,
				FaultProxy.Mode.RESET);

		// then
		assertThat(failure(failed, "normalize")).contains("bucket " + BUCKET + " key work/batch=")
			.contains("could not reach S3")
			.contains("after 3 attempt(s)")
			.contains("restart");
		assertThat(network.s3().faultedConnections()).as("the retries met the fault").isGreaterThanOrEqualTo(2);
		assertRestartEndsLikeACleanRun(failed);
	}

	@Test
	void s3GoneMidStageRetriesThenFailsNamingTheKeyAndARestartLoadsEveryRowOnce() throws Exception {
		// when S3 resets every connection from the stage step's copy of the third part of contacts on
		JobExecution failed = nightWithS3Fault("s3-stage", contactsPart("PUT", "s3-stage"), 1, FaultProxy.Mode.RESET);

		// then nothing loaded; the failure names a part whose copy failed: the third, or one copied at the same
		// time (touchpoint.s3.concurrency copies run at once, and the first failure in part order is reported)
		String key = stagedKey(failed, "contacts", 3);
		assertThat(failure(failed, "stage"))
			.containsPattern("bucket " + BUCKET + " key " + java.util.regex.Pattern.quote(key.substring(0,
					key.length() - "00003.csv.gz".length())) + "0000[1-5]\\.csv\\.gz")
			.doesNotContain("database")
			.contains("CopyObject")
			.contains("after 3 attempt(s)")
			.contains("restart the execution");
		assertThat(ledgerKeys("s3-stage")).isEmpty();
		assertRestartEndsLikeACleanRun(failed);
	}

	@Test
	void s3GoneMidLoadRetriesThenFailsNamingTheKeyAndARestartLoadsEveryRowOnce() throws Exception {
		// when S3 resets every connection as the load step reads the third part of contacts
		JobExecution failed = nightWithS3Fault("s3-load", contactsPart("GET", "s3-load"), 1, FaultProxy.Mode.RESET);

		// then the parts before it are loaded and recorded, the failure names the part
		assertThat(failure(failed, "load")).contains("bucket " + BUCKET + " key " + stagedKey(failed, "contacts", 3))
			.contains("GetObject")
			.contains("after 3 attempt(s)");
		assertThat(ledgerKeys("s3-load")).contains(stagedKey(failed, "contacts", 2))
			.doesNotContain(stagedKey(failed, "contacts", 3));
		assertRestartEndsLikeACleanRun(failed);
	}

	@Test
	void slowS3TimesOutOnEachAttemptAndSaysWhichSettingToRaise() throws Exception {
		// when S3 stops answering (connections stay open) as the load step reads the third part of contacts
		JobExecution failed = nightWithS3Fault("s3-slow", contactsPart("GET", "s3-slow"), 1, FaultProxy.Mode.BLACKHOLE);

		// then each of the 3 attempts timed out after the configured 4 s, and the message says so
		assertThat(failure(failed, "load")).contains("timed out after 4s (touchpoint.s3.attempt-timeout)")
			.contains("bucket " + BUCKET + " key " + stagedKey(failed, "contacts", 3))
			.contains("after 3 attempt(s)")
			.contains("raise touchpoint.s3.attempt-timeout");
		assertThat(network.s3().faultedConnections()).as("the retries met the black hole").isGreaterThanOrEqualTo(3);
		assertRestartEndsLikeACleanRun(failed);
	}

	private JobExecution nightWithS3Fault(String tenant, Predicate<String> when, int nth, FaultProxy.Mode mode)
			throws Exception {
		network.s3().faultWhenClientSends(when, nth, mode);
		JobExecution failed = night(tenant);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		return failed;
	}

	private static Predicate<String> contactsPart(String method, String tenant) {
		return request(method, "/touchpoint/staging/contacts/", "tenant=" + tenant + "/", "part-00003");
	}
}
