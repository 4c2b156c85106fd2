package io.touchpoint.jobs.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The numbered scripts of one database, for Flyway: the {@code V<NNN>__<name>.sql} files directly in one folder
 * ({@code sql/mysql/}, {@code sql/singlestore/} or {@code sql/mysql/metadata/}) and nothing below it. Flyway's own
 * classpath scan descends into sub-folders, where {@code sql/mysql/} keeps the metadata scripts (with versions of
 * their own) and the derive and merge SQL, which are not migrations.
 */
final class ScriptFiles implements ResourceProvider {

	private final String pattern;

	/** The scripts matching a Spring resource pattern, such as {@code classpath*:sql/mysql/V*.sql}. */
	ScriptFiles(String pattern) {
		this.pattern = pattern;
	}

	/** The scripts, in file-name order. */
	List<Script> all() {
		try {
			return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(pattern))
				.filter(resource -> resource.getFilename() != null && resource.getFilename().matches("V\\d+__.+\\.sql"))
				.map(Script::new)
				.sorted(Comparator.comparing(Script::getFilename))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the schema scripts " + pattern + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public LoadableResource getResource(String name) {
		return all().stream().filter(script -> script.getFilename().equals(name)).findFirst().orElse(null);
	}

	@Override
	public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
		return all().stream()
			.filter(script -> script.getFilename().startsWith(prefix))
			.filter(script -> Arrays.stream(suffixes).anyMatch(script.getFilename()::endsWith))
			.map(LoadableResource.class::cast)
			.toList();
	}

	/** One script file; its relative path (the {@code script} column of Flyway's history) is its file name. */
	static final class Script extends LoadableResource {

		private final Resource resource;

		Script(Resource resource) {
			this.resource = resource;
		}

		/** The version number of {@code V<NNN>__<name>.sql}. */
		int version() {
			String name = getFilename();
			return Integer.parseInt(name.substring(1, name.indexOf("__")));
		}

		String text() {
			try {
				return resource.getContentAsString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + getFilename() + ": " + ex.getMessage(), ex);
			}
		}

		/**
		 * The checksum Flyway records for this script: CRC-32 of the UTF-8 bytes of its lines without their line
		 * breaks (and without a byte-order mark), as an int.
		 */
		int checksum() {
			String text = text();
			CRC32 crc = new CRC32();
			try (BufferedReader lines = new BufferedReader(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					crc.update(line.getBytes(StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return (int) crc.getValue();
		}

		@Override
		public Reader read() {
			try {
				return new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + getFilename() + ": " + ex.getMessage(), ex);
			}
		}

		@Override
		public String getAbsolutePath() {
			return description();
		}

		@Override
		public String getAbsolutePathOnDisk() {
			return description();
		}

		@Override
		public String getFilename() {
			return resource.getFilename();
		}

		@Override
		public String getRelativePath() {
			return getFilename();
		}

		private String description() {
			try {
				return resource.getURL().toString();
			}
			catch (IOException ex) {
				return resource.getDescription();
			}
		}
	}
}
