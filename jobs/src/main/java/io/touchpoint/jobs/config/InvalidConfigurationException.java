package io.touchpoint.jobs.config;

/** A setting is missing or wrong; the CLI exits with code 2 and prints the message. */
public class InvalidConfigurationException extends RuntimeException {

	public InvalidConfigurationException(String message) {
		super(message);
	}
}
