package io.touchpoint.writers.staging;

/**
 * Thrown when a staging part or manifest cannot be written, copied or read.
 *
 * <p>The message names the bucket and key involved and says what the operator should do next.
 */
public final class StagingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public StagingException(String message) {
		super(message);
	}

	public StagingException(String message, Throwable cause) {
		super(message, cause);
	}
}
