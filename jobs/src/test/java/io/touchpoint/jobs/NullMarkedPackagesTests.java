package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every package of main code, in every module of the reactor, has a {@code package-info.java} that marks it
 * {@code @NullMarked} (JSpecify): a type is non-null unless written {@code @Nullable}. Reads the sources, so a new
 * package or a new module fails here until it has one. bench-jmh is left out: its packages are those of jobs,
 * readers and writers (its benchmarks reach their package-private code), whose package-info is theirs.
 */
class NullMarkedPackagesTests {

	/** The reactor root: surefire runs this module's tests in the module's folder. */
	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private static final Pattern NULL_MARKED = Pattern
		.compile("(?m)^@(org\\.jspecify\\.annotations\\.)?NullMarked\\s*$[\\s\\S]*^package [\\w.]+;");

	@Test
	void everyMainPackageOfEveryModuleIsNullMarked() throws IOException {
		List<Path> sourceRoots = sourceRoots();
		assertThat(sourceRoots).extracting(root -> ROOT.relativize(root).toString().replace('\\', '/'))
			.contains("jobs/src/main/java", "readers/src/main/java", "writers/src/main/java", "scheduler/src/main/java");

		List<String> unmarked = sourceRoots.stream().flatMap(NullMarkedPackagesTests::packageFolders)
			.filter(folder -> !nullMarked(folder.resolve("package-info.java")))
			.map(folder -> ROOT.relativize(folder).toString())
			.toList();

		assertThat(unmarked).as("packages without a package-info.java marking them @NullMarked "
				+ "(add one with a Javadoc paragraph on what the package is)").isEmpty();
	}

	private static List<Path> sourceRoots() throws IOException {
		try (Stream<Path> modules = Files.list(ROOT)) {
			return modules.filter(module -> Files.isRegularFile(module.resolve("pom.xml")))
				.filter(module -> !module.getFileName().toString().equals("bench-jmh"))
				.map(module -> module.resolve("src/main/java"))
				.filter(Files::isDirectory)
				.sorted()
				.toList();
		}
	}

	/** The folders under a source root that hold Java types. */
	private static Stream<Path> packageFolders(Path sourceRoot) {
		try (Stream<Path> files = Files.walk(sourceRoot)) {
			return files.filter(file -> file.toString().endsWith(".java"))
				.filter(file -> !file.getFileName().toString().equals("package-info.java"))
				.map(Path::getParent)
				.distinct()
				.sorted()
				.toList()
				.stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean nullMarked(Path packageInfo) {
		try {
			return Files.isRegularFile(packageInfo) && NULL_MARKED.matcher(Files.readString(packageInfo)).find();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
