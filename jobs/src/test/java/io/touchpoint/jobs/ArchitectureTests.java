package io.touchpoint.jobs;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reusable modules stay generic: readers and writers never see the application or its canonical types. Inside
 * {@code jobs}, packages form layers that depend only downward (docs/architecture.md): the CLI, then the operations
 * that run and watch jobs, then the job definitions, then the steps, then the foundation, then the schema.
 */
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

	@Test
	void jobsPackagesDependOnlyOnLowerLayers() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Application").definedBy("io.touchpoint.jobs", "io.touchpoint.jobs.cli..")
			.layer("Operations").definedBy("io.touchpoint.jobs.executions..", "io.touchpoint.jobs.schedule..",
					"io.touchpoint.jobs.watch..", "io.touchpoint.jobs.alerts..", "io.touchpoint.jobs.bench..",
					"io.touchpoint.jobs.demo..", "io.touchpoint.jobs.embedded..")
			.layer("Jobs").definedBy("io.touchpoint.jobs.nightly..", "io.touchpoint.jobs.lineage..")
			.layer("Steps").definedBy("io.touchpoint.jobs.ingest..", "io.touchpoint.jobs.rollup..",
					"io.touchpoint.jobs.report..", "io.touchpoint.jobs.checks..", "io.touchpoint.jobs.load..")
			.layer("Foundation").definedBy("io.touchpoint.jobs.sources..", "io.touchpoint.jobs.model..",
					"io.touchpoint.jobs.config..", "io.touchpoint.jobs.failures..", "io.touchpoint.jobs.progress..",
					"io.touchpoint.jobs.logging..")
			.layer("Schema").definedBy("io.touchpoint.jobs.schema..")
			.whereLayer("Application").mayNotBeAccessedByAnyLayer()
			.whereLayer("Operations").mayOnlyBeAccessedByLayers("Application")
			.whereLayer("Jobs").mayOnlyBeAccessedByLayers("Application", "Operations")
			.whereLayer("Steps").mayOnlyBeAccessedByLayers("Application", "Operations", "Jobs")
			.whereLayer("Foundation").mayOnlyBeAccessedByLayers("Application", "Operations", "Jobs", "Steps")
			.whereLayer("Schema").mayOnlyBeAccessedByLayers("Application", "Operations", "Jobs", "Steps", "Foundation")
			.ensureAllClassesAreContainedInArchitecture()
			.check(classes.that(resideInAPackage("io.touchpoint.jobs..")));
	}

	@Test
	void ingestDoesNotReachIntoTheRollupsOrTheReport() {
		noClasses().that().resideInAPackage("io.touchpoint.jobs.ingest..").should().dependOnClassesThat()
			.resideInAnyPackage("io.touchpoint.jobs.rollup..", "io.touchpoint.jobs.report..")
			.because("the job definitions in nightly assemble the steps; ingest only reads, maps, stages and loads")
			.check(classes);
	}
}
