package io.touchpoint.jobs.config;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where the warehouse, the metadata database and S3 are, resolved once: from configuration in
 * external mode, from the running embedded servers otherwise. {@link #toString()} hides secrets.
 */
public record Endpoints(TouchpointProperties.Database warehouse, TouchpointProperties.Database metadata, URI s3Endpoint,
		String s3Region, String bucket, boolean pathStyle, AwsCredentialsProvider credentials, boolean embedded) {
}
