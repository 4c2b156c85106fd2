package io.touchpoint.readers.http;

import org.jspecify.annotations.Nullable;

/**
 * An API call failed for good: a client error, or retries used up. The message starts with what the
 * call was for (source, tenant, page), says what happened, and what to do; it never holds a secret.
 */
public class ApiException extends RuntimeException {

	private final int status;

	/**
	 * @param message the whole message
	 * @param status  the last HTTP status, or 0 when no response came
	 * @param cause   the last I/O error
	 */
	public ApiException(String message, int status, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/** The last HTTP status, or 0 when the server never answered. */
	public int status() {
		return status;
	}
}
