package io.touchpoint.readers.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An inbox under an S3 prefix: {@code s3://bucket/prefix/{source}/...}.
 *
 * <p>Listing uses the ListObjectsV2 paginator, so any number of objects is listed. Keys ending
 * with {@code /} (folder markers), keys directly under the prefix and hidden keys are ignored.
 * Opening a file streams the object; S3 errors become {@link IOException}s naming the object.
 */
public final class S3Inbox implements Inbox {

	private static final Logger log = LoggerFactory.getLogger(S3Inbox.class);

	private final S3Client s3;
	private final String bucket;
	private final String prefix;

	/**
	 * An inbox under a bucket and prefix.
	 *
	 * @param s3     the client
	 * @param bucket the bucket name
	 * @param prefix the key prefix of the inbox root; empty for the whole bucket. A missing
	 *               trailing {@code /} is added.
	 */
	public S3Inbox(S3Client s3, String bucket, @Nullable String prefix) {
		this.s3 = Objects.requireNonNull(s3, "s3");
		if (bucket == null || bucket.isEmpty()) {
			throw new IllegalArgumentException("the S3 inbox needs a bucket name; use s3://bucket/prefix");
		}
		this.bucket = bucket;
		String p = prefix == null ? "" : prefix;
		while (p.startsWith("/")) {
			p = p.substring(1);
		}
		this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
		InboxPaths.requireSafe(this.prefix, "s3://" + bucket + "/" + this.prefix);
	}

	/** The inbox at {@code s3://bucket/prefix}. */
	public static S3Inbox at(S3Client s3, String location) {
		if (!location.regionMatches(true, 0, "s3://", 0, 5)) {
			throw new IllegalArgumentException("'" + location + "' is not an s3://bucket/prefix location");
		}
		String rest = location.substring(5);
		int slash = rest.indexOf('/');
		String bucket = slash < 0 ? rest : rest.substring(0, slash);
		String prefix = slash < 0 ? "" : rest.substring(slash + 1);
		return new S3Inbox(s3, bucket, prefix);
	}

	public String bucket() {
		return bucket;
	}

	/** The key prefix of the inbox root: empty or ending with {@code /}. */
	public String prefix() {
		return prefix;
	}

	@Override
	public List<InboxFile> list() {
		ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
		List<InboxFile> files = new ArrayList<>();
		for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
			String key = object.key();
			if (!key.startsWith(prefix)) {
				continue;
			}
			String relative = key.substring(prefix.length());
			InboxPaths.requireSafe(relative, "s3://" + bucket + "/" + key);
			if (InboxPaths.isListed(relative)) {
				long size = object.size() == null ? 0 : object.size();
				files.add(new InboxFile(InboxPaths.sourceOf(relative), relative, "s3://" + bucket + "/" + key, size));
			}
		}
		files.sort(Comparator.comparing(InboxFile::path));
		log.debug("Listed {} files in {}", files.size(), describe());
		return List.copyOf(files);
	}

	@Override
	public InputStream open(InboxFile file) throws IOException {
		return open(file, 0);
	}

	/** From byte {@code from} on with a ranged GET, so a range of a large object is not downloaded from its start. */
	@Override
	public InputStream open(InboxFile file, long from) throws IOException {
		InboxPaths.requireSafe(file.path(), file.path());
		String key = prefix + file.path();
		try {
			GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
			if (from > 0) {
				request.range("bytes=" + from + "-");
			}
			return s3.getObject(request.build());
		}
		catch (NoSuchKeyException e) {
			NoSuchFileException missing = new NoSuchFileException("s3://" + bucket + "/" + key, null,
					"the object is no longer in the inbox");
			missing.initCause(e);
			throw missing;
		}
		catch (SdkException e) {
			throw new IOException("could not open s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
		}
	}

	@Override
	public String describe() {
		return "s3://" + bucket + "/" + prefix;
	}

	@Override
	public String toString() {
		return describe();
	}
}
