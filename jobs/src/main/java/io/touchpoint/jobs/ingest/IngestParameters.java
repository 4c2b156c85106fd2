package io.touchpoint.jobs.ingest;

import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import io.touchpoint.jobs.model.Identifiers;

/**
 * The job parameters of the ingest jobs. Only what identifies a run is identifying: tenant and business
 * date (and, for {@code import}, the source and a digest of the files' contents). The inbox location is
 * not identifying, and no setting or secret is ever a parameter. Tenant ids and source names are checked
 * against {@link Identifiers} here, before any run (and any path or key built from them) exists.
 */
public final class IngestParameters {

	public static final String TENANT = "tenant";

	public static final String DATE = "date";

	public static final String INBOX = "inbox";

	public static final String SOURCE = "source";

	public static final String FILES = "files";

	/** The first day of a backfill: API sources are fetched from it to {@link #DATE}, live cursors untouched. */
	public static final String FROM = "from";

	private IngestParameters() {
	}

	public static JobParameters nightly(String tenant, LocalDate date, String inbox) {
		return new JobParametersBuilder().addString(TENANT, Identifiers.tenant(tenant))
			.addLocalDate(DATE, date)
			.addString(INBOX, inbox, false)
			.toJobParameters();
	}

	/** The identifying parameters of a night (tenant and date): what finds its JobInstance. */
	public static JobParameters night(String tenant, LocalDate date) {
		return new JobParametersBuilder().addString(TENANT, Identifiers.tenant(tenant)).addLocalDate(DATE, date).toJobParameters();
	}

	/** A backfill of the tenant's API sources over the days {@code from..to}; it reads no inbox. */
	public static JobParameters backfill(String tenant, LocalDate from, LocalDate to) {
		return new JobParametersBuilder().addString(TENANT, Identifiers.tenant(tenant)).addLocalDate(DATE, to).addLocalDate(FROM, from)
			.toJobParameters();
	}

	public static JobParameters oneOff(String tenant, LocalDate date, String source, String filesDigest, String inbox) {
		return new JobParametersBuilder().addString(TENANT, Identifiers.tenant(tenant))
			.addLocalDate(DATE, date)
			.addString(SOURCE, Identifiers.source(source))
			.addString(FILES, filesDigest)
			.addString(INBOX, inbox, false)
			.toJobParameters();
	}
}
