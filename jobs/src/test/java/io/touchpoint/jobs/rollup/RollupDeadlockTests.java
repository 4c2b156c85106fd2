package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

/** Which failures of the rollup transaction are lock conflicts, after which the rollups are computed again. */
class RollupDeadlockTests {

	@Test
	void aDeadlockOrLockWaitTimeoutIsALockConflict() {
		// MariaDB's "Deadlock found when trying to get lock" (1213, SQLState 40001), as Spring translates it
		assertThat(RollupTasklet.lockConflict(new CannotAcquireLockException("deadlock",
				new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213)))).isTrue();
		// the same error left untranslated below another exception
		assertThat(RollupTasklet.lockConflict(new UncategorizedSQLException("rollup", "INSERT ...",
				new SQLException("Deadlock found when trying to get lock", "40001", 1213)))).isTrue();
	}

	@Test
	void otherFailuresAreNot() {
		assertThat(RollupTasklet.lockConflict(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(RollupTasklet.lockConflict(new UncategorizedSQLException("rollup", "SELECT ...",
				new SQLException("Table 'contacts' doesn't exist", "42S02", 1146)))).isFalse();
	}
}
