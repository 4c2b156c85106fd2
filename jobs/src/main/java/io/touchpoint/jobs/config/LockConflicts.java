package io.touchpoint.jobs.config;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs one whole warehouse transaction again when the server chose it as a deadlock's victim (or it timed out
 * waiting for a lock): nights of different tenants that run at once (two scheduler nodes, or two threads of one)
 * can lock each other's rows of shared tables, and the server then rolls the victim's transaction back whole, so
 * it can run again from its start. At most {@value #ATTEMPTS} attempts, a short random wait between them.
 */
public final class LockConflicts {

	/** How many times a transaction runs before its lock conflict is thrown. */
	public static final int ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(LockConflicts.class);

	private LockConflicts() {
	}

	/** The transaction's result; {@code what} names it in the log line of a retry. */
	public static <T> T retry(String what, Supplier<T> transaction) {
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			}
			catch (DataAccessException ex) {
				if (!lockConflict(ex) || attempt == ATTEMPTS) {
					throw ex;
				}
				log.info("{} met a lock conflict ({}); running it again (attempt {} of {})", what,
						ex.getMostSpecificCause().getMessage(), attempt + 1, ATTEMPTS);
				try {
					Thread.sleep(ThreadLocalRandom.current().nextLong(100, 1000L * attempt));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/** A deadlock or lock wait timeout: translated by Spring, or SQLState 40001 (serialization failure) below it. */
	public static boolean lockConflict(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PessimisticLockingFailureException
					|| cause instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}
}
