package io.touchpoint.jobs.support;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Every {@code @TempDir} of this module's tests lives under {@code target/tmp}, not the system's temporary
 * folder: the homes tests make there hold an embedded MariaDB (hundreds of MB each) and are gone with
 * {@code ./mvnw clean}. Registered in junit-platform.properties.
 */
public final class TargetTempDirs implements TempDirFactory {

	@Override
	public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
		Path root = Files.createDirectories(Path.of("target", "tmp").toAbsolutePath());
		AnnotatedElement annotated = element.getAnnotatedElement();
		return Files.createTempDirectory(root, "junit-" + extension.getRequiredTestClass().getSimpleName() + "-"
				+ (annotated instanceof java.lang.reflect.Member member ? member.getName() : "param") + "-");
	}
}
