package io.touchpoint.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code touchpoint --version}: the version and build time the build wrote into
 * {@code META-INF/build-info.properties} (spring-boot-maven-plugin's build-info goal), the same file Actuator's
 * {@code info} endpoint reports from. Read without starting Spring.
 */
final class BuildVersion implements IVersionProvider {

	static final String RESOURCE = "META-INF/build-info.properties";

	@Override
	public String[] getVersion() {
		Properties build = read(BuildVersion.class.getClassLoader());
		String version = build.getProperty("build.version");
		if (version == null) {
			return new String[] { "touchpoint (version unknown: " + RESOURCE + " is missing from this build)" };
		}
		String time = build.getProperty("build.time");
		return time == null ? new String[] { "touchpoint " + version }
				: new String[] { "touchpoint " + version, "built " + time };
	}

	static Properties read(ClassLoader loader) {
		Properties build = new Properties();
		try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
			if (in != null) {
				build.load(in);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
		return build;
	}
}
