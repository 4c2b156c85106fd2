package io.touchpoint.writers.load;

/**
 * Thrown when a staged part cannot be loaded; the load's transaction was rolled back.
 *
 * <p>The message names the part ({@code s3://bucket/key}) and the table and says what to do.
 */
public final class LoadException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public LoadException(String message) {
		super(message);
	}

	public LoadException(String message, Throwable cause) {
		super(message, cause);
	}
}
