package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.executions.RestartPreview;
import io.touchpoint.jobs.ingest.BatchFiles;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * {@code restart ID --dry-run} file by file: after a crash in the load step it lists exactly the staged
 * files not yet loaded (counted apart from it, from the S3 listing and the ledger) with the rows the
 * restart then loads; after a failure inside an input file it names the file and the line normalize
 * resumes at. Nothing changes until the real restart.
 */
class RestartDryRunIntegrationTests extends IntegrationTest {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 2);

	@Autowired
	private JobRuns runs;

	@Autowired
	private RestartPreview previews;

	@Autowired
	private S3Client s3;

	@Autowired
	private Endpoints endpoints;

	@Autowired
	private DataSource metadataDataSource;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void afterACrashInLoadTheDryRunListsExactlyTheStagedFilesNotYetLoadedWithTheRowsTheRestartLoads() throws Exception {
		// given a night that crashed in load after 3 files, and whose restart crashed after 2 more
		String tenant = "dryrun-load";
		Path inbox = Inboxes.standard(home(), tenant);
		faults.failLoadAfter(tenant, 3);
		JobExecution first = runs.start("nightly", IngestParameters.nightly(tenant, DATE, inbox.toString()));
		assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
		faults.failLoadAfter(tenant, 5);
		JobExecution failed = runs.restart(first.getId());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Set<String> ledger = new HashSet<>(jdbc.queryForList("SELECT staged_key FROM load_ledger WHERE tenant_id = ?",
				String.class, tenant));
		Set<String> staged = stagedPartKeys(tenant);
		Set<String> notLoaded = new HashSet<>(staged);
		notLoaded.removeAll(ledger);
		assertThat(ledger).hasSize(5);
		assertThat(notLoaded).isNotEmpty();

		// when
		RestartPreview.Preview preview = previews.preview(failed.getId());

		// then: the steps the first execution completed are skipped, load resumes; the files in the ledger are
		// skipped, every other staged part is loaded
		assertThat(preview.steps()).extracting(JobRuns.PlannedStep::step, JobRuns.PlannedStep::action).contains(
				org.assertj.core.groups.Tuple.tuple("normalize", "skip"), org.assertj.core.groups.Tuple.tuple("load", "resume"),
				org.assertj.core.groups.Tuple.tuple("rollup", "run"));
		assertThat(keys(preview, "skip")).isEqualTo(ledger);
		assertThat(keys(preview, "load")).isEqualTo(notLoaded);
		assertThat(preview.stagedFiles()).hasSize(staged.size());
		assertThat(preview.inputFiles()).isEmpty();
		assertThat(jdbc.queryForList("SELECT staged_key FROM load_ledger WHERE tenant_id = ?", String.class, tenant))
			.as("a dry run changes nothing").hasSize(5);
		String text = RestartCommand.text(preview);
		assertThat(text).contains("Staged files of batch " + preview.batch() + " (5 to skip, already loaded; "
				+ notLoaded.size() + " to load")
			.containsPattern("\nload +resume +was FAILED").containsPattern("purchases +part-00001\\.csv\\.gz +\\d+ +(skip|load)");
		assertThat(RestartCommand.json(preview)).contains("\"stagedFiles\"", "\"action\" : \"skip\"",
				"\"key\" : \"" + notLoaded.iterator().next() + "\"");

		// and the restart loads exactly those files, with the rows the dry run said (beside them, the ledger row of
		// the tag changes the load derives from the batch's snapshot listings, which are no staged file)
		JobExecution restarted = runs.restart(failed.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Long> loadedRows = jdbc.query("SELECT staged_key, row_count FROM load_ledger WHERE tenant_id = ? "
				+ "AND staged_key NOT LIKE 'derived/%'",
				(rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)), tenant).stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(loadedRows.keySet()).isEqualTo(staged);
		for (BatchFiles.StagedFile file : preview.stagedFiles()) {
			assertThat(loadedRows.get(file.key())).as(file.key()).isEqualTo(file.rows());
		}
	}

	@Test
	void afterAFailureInsideAnInputFileTheDryRunNamesTheFileAndTheLineNormalizeResumesAt() throws Exception {
		// given a night whose HubSpot export (3 contacts) reads, and whose Stripe export (UTF-8) has a stray
		// Latin-1 byte in its 8th charge, on line 9
		String tenant = "dryrun-normalize";
		Path inbox = Inboxes.create(home(), tenant);
		Path hubspot = inbox.resolve("hubspot/hubspot-contacts.csv");
		Files.createDirectories(hubspot.getParent());
		Files.writeString(hubspot, """
				Record ID,First Name,Last Name,Email,Lifecycle Stage,Create Date,Last Modified Date,Tags
				201,Ann,Archer,ann@example.com,Customer,2026-10-01 09:00,2026-11-01 08:00,webinar-q3
				202,Bob,Baker,bob@example.com,Lead,2026-10-02 09:00,2026-11-01 08:00,newsletter
				203,Cat,Cole,cat@example.com,Lead,2026-10-03 09:00,2026-11-01 08:00,
				""");
		Path stripe = inbox.resolve("stripe/unified_payments.csv");
		Files.createDirectories(stripe.getParent());
		StringBuilder good = new StringBuilder(
				"id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Status,Customer Email,Description\n");
		for (int i = 1; i <= 7; i++) {
			good.append("ch_dr_").append(i).append(",2026-11-02 10:00:00,12.34,0.00,usd,true,Paid,buyer").append(i)
				.append("@example.com,Caf\u00e9 ").append(i).append('\n');
		}
		byte[] bad = "ch_dr_8,2026-11-02 10:00:00,12.34,0.00,usd,true,Paid,buyer8@example.com,Caf\u00e9 8\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		Files.write(stripe, concat(good.toString().getBytes(StandardCharsets.UTF_8), bad));
		JobExecution failed = runs.start("nightly", IngestParameters.nightly(tenant, DATE, inbox.toString()));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		// when
		RestartPreview.Preview preview = previews.preview(failed.getId());

		// then, with 3 records a chunk: chunk 1 is the 3 contacts, chunks 2 and 3 the charges 1-6 (lines 2-7);
		// chunk 4 (charge 7, then the unreadable line 9) rolled back: normalize resumes at charge 7, line 8
		assertThat(preview.inputFiles()).extracting(BatchFiles.InputFile::path, BatchFiles.InputFile::action)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("hubspot/hubspot-contacts.csv", "done"),
					org.assertj.core.groups.Tuple.tuple("stripe/unified_payments.csv", "resume"));
		assertThat(preview.inputFiles().get(1).detail()).isEqualTo("at line 8 (6 record(s) read before the failure)");
		assertThat(preview.inputFiles().get(1).bytes()).isEqualTo(Files.size(stripe));
		// stage has not run: every part the committed chunks wrote will be published, then loaded
		long workParts = new JdbcTemplate(metadataDataSource).queryForObject(
				"SELECT COUNT(*) FROM tp_work_parts WHERE batch_id = ?", Long.class, preview.batch());
		assertThat(preview.stagedFiles()).hasSize((int) workParts).allMatch(file -> file.action().equals("stage+load"));
		assertThat(RestartCommand.text(preview)).contains("Input files of normalize:")
			.containsPattern("stripe/unified_payments\\.csv +\\d+ +resume +at line 8");
	}

	/** The published part keys of the tenant's batches, from the S3 listing itself. */
	private Set<String> stagedPartKeys(String tenant) {
		return s3.listObjectsV2Paginator(b -> b.bucket(endpoints.bucket()).prefix("staging/")).contents().stream()
			.map(S3Object::key)
			.filter(key -> key.contains("/tenant=" + tenant + "/") && key.endsWith(".csv.gz"))
			.collect(Collectors.toSet());
	}

	private static Set<String> keys(RestartPreview.Preview preview, String action) {
		return preview.stagedFiles().stream().filter(f -> f.action().equals(action)).map(BatchFiles.StagedFile::key)
			.collect(Collectors.toSet());
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}
}
