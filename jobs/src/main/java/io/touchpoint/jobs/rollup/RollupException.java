package io.touchpoint.jobs.rollup;

/**
 * The rollups of a tenant could not be computed (the warehouse failed under them). They are computed in one
 * transaction, so none changed; the message names the tenant and batch and says to restart.
 */
public final class RollupException extends RuntimeException {

	public RollupException(String message, Throwable cause) {
		super(message, cause);
	}
}
