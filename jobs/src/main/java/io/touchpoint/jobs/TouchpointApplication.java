package io.touchpoint.jobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.touchpoint.jobs.cli.TouchpointCli;

/**
 * The Touchpoint application. {@link #main} is the CLI ({@code ./touchpoint --help}); each command
 * that needs the databases starts this Spring Boot application (and, by default, the embedded MariaDB
 * and S3 servers) for as long as it runs.
 */
@SpringBootApplication
public class TouchpointApplication {

	public static void main(String[] args) {
		int code = TouchpointCli.run(args);
		System.exit(code);
	}
}
