package io.touchpoint.jobs.ingest.partition;

import java.time.LocalDate;

import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;
import io.touchpoint.readers.inbox.S3Inbox;

/**
 * Where a batch's files are opened: landed API pages under the batch's landing prefix in the staging bucket,
 * exports in the inbox (opened on first use).
 */
final class BatchInboxes {

	private final Inbox landing;

	private final String inboxLocation;

	private final S3Client s3;

	private Inbox inbox;

	BatchInboxes(S3Client s3, String bucket, String tenant, LocalDate date, String batchId, String inboxLocation) {
		this.landing = new S3Inbox(s3, bucket, ApiSources.landingPrefix(tenant, date, batchId));
		this.inboxLocation = inboxLocation;
		this.s3 = s3;
	}

	synchronized Inbox of(InboxFile file) {
		if (ApiSources.isPage(file.path())) {
			return landing;
		}
		if (inbox == null) {
			inbox = Inbox.of(inboxLocation, s3);
		}
		return inbox;
	}
}
