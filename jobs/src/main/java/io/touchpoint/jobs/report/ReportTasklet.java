package io.touchpoint.jobs.report;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * report: renders the tenant's touchpoint-value report and keeps it beside the staged data at
 * {@code s3://{bucket}/reports/tenant={t}/date={d}/ltv.txt} (overwritten by a re-run of the same night).
 */
public class ReportTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

	private final LtvReport report;

	private final S3Client s3;

	private final String bucket;

	public ReportTasklet(LtvReport report, S3Client s3, String bucket) {
		this.report = report;
		this.s3 = s3;
		this.bucket = bucket;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
		String tenant = parameters.getString("tenant");
		String key = "reports/tenant=" + tenant + "/date=" + parameters.getLocalDate("date") + "/ltv.txt";
		String text = report.render(tenant, 5);
		s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain; charset=utf-8"),
				RequestBody.fromString(text, StandardCharsets.UTF_8));
		log.info("report for tenant {} written to s3://{}/{}", tenant, bucket, key);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("s3://" + bucket + "/" + key));
		return RepeatStatus.FINISHED;
	}
}
