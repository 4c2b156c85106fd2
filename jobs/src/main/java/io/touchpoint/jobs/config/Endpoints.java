package io.touchpoint.jobs.config;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where the warehouse, the metadata database and S3 are, resolved once: from configuration in
 * external mode, from the running embedded servers otherwise. {@code reader} is the SELECT-only account
 * {@code touchpoint query} runs as (the embedded reader, or {@code touchpoint.query.username}; null when none is
 * configured). {@code soleProcess} is true when this process started the embedded servers for itself and holds
 * the home lock, which proves that no other process uses the databases (a run marked running was left by a dead
 * process); it is false against external databases and on a resident stack, which several processes share.
 * {@link #toString()} hides secrets.
 */
public record Endpoints(TouchpointProperties.Database warehouse, TouchpointProperties.Database metadata, @Nullable URI s3Endpoint,
		String s3Region, String bucket, boolean pathStyle, AwsCredentialsProvider credentials, boolean embedded,
		TouchpointProperties.@Nullable Database reader, boolean soleProcess) {

	/** Endpoints without a reader account; embedded ones are taken as used by this process alone. */
	public Endpoints(TouchpointProperties.Database warehouse, TouchpointProperties.Database metadata, URI s3Endpoint,
			String s3Region, String bucket, boolean pathStyle, AwsCredentialsProvider credentials, boolean embedded) {
		this(warehouse, metadata, s3Endpoint, s3Region, bucket, pathStyle, credentials, embedded, null, embedded);
	}
}
