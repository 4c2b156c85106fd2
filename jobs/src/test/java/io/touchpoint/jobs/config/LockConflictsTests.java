package io.touchpoint.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

/** Which failures of a warehouse transaction are lock conflicts, after which it runs again. */
class LockConflictsTests {

	@Test
	void aDeadlockOrLockWaitTimeoutIsALockConflict() {
		// MariaDB's "Deadlock found when trying to get lock" (1213, SQLState 40001), as Spring translates it
		assertThat(LockConflicts.lockConflict(new CannotAcquireLockException("deadlock",
				new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213)))).isTrue();
		// the same error left untranslated below another exception
		assertThat(LockConflicts.lockConflict(new UncategorizedSQLException("rollup", "INSERT ...",
				new SQLException("Deadlock found when trying to get lock", "40001", 1213)))).isTrue();
	}

	@Test
	void aTransactionThatMetALockConflictRunsAgainAndAnyOtherFailureIsThrownAtOnce() {
		int[] runs = { 0 };
		assertThat(LockConflicts.retry("test", () -> {
			if (++runs[0] == 1) {
				throw new CannotAcquireLockException("deadlock");
			}
			return "done";
		})).isEqualTo("done");
		assertThat(runs[0]).isEqualTo(2);

		runs[0] = 0;
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> LockConflicts.retry("test", () -> {
			runs[0]++;
			throw new DataIntegrityViolationException("duplicate key");
		})).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(runs[0]).isEqualTo(1);
	}

	@Test
	void otherFailuresAreNot() {
		assertThat(LockConflicts.lockConflict(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(LockConflicts.lockConflict(new UncategorizedSQLException("rollup", "SELECT ...",
				new SQLException("Table 'contacts' doesn't exist", "42S02", 1146)))).isFalse();
	}
}
