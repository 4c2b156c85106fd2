package io.touchpoint.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reusable modules stay generic: readers and writers never see the application or its canonical types. */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.touchpoint");
		assertThat(classes.containPackage("io.touchpoint.readers")).isTrue();
		assertThat(classes.containPackage("io.touchpoint.writers")).isTrue();
		assertThat(classes.containPackage("io.touchpoint.scheduler")).isTrue();
	}

	@Test
	void readersDependOnNeitherTheApplicationNorTheWriters() {
		noClasses().that().resideInAPackage("io.touchpoint.readers..").should().dependOnClassesThat()
			.resideInAnyPackage("io.touchpoint.jobs..", "io.touchpoint.writers..").check(classes);
	}

	@Test
	void writersDependOnNeitherTheApplicationNorTheReaders() {
		noClasses().that().resideInAPackage("io.touchpoint.writers..").should().dependOnClassesThat()
			.resideInAnyPackage("io.touchpoint.jobs..", "io.touchpoint.readers..").check(classes);
	}

	@Test
	void schedulerDoesNotDependOnTheApplication() {
		noClasses().that().resideInAPackage("io.touchpoint.scheduler..").should().dependOnClassesThat()
			.resideInAPackage("io.touchpoint.jobs..").check(classes);
	}
}
