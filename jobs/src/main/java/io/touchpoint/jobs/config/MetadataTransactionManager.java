package io.touchpoint.jobs.config;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The transactions of the metadata database (every step's chunk and tasklet transaction: Spring Batch's job
 * repository and Touchpoint's bookkeeping). A rollback on a connection the pool has already closed, because the
 * database went away or stopped answering, is skipped: the server drops an uncommitted transaction with its
 * connection, and a failed rollback ("Connection is closed") would replace the failure that says what happened,
 * such as the socket timeout, as the step's error.
 */
public final class MetadataTransactionManager extends JdbcTransactionManager {

	public MetadataTransactionManager(DataSource metadata) {
		super(metadata);
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder()
			.getConnection();
		if (isClosed(connection)) {
			logger.debug("Skipping the rollback of a transaction whose connection is already closed");
			return;
		}
		super.doRollback(status);
	}

	private static boolean isClosed(Connection connection) {
		try {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return false;
		}
	}
}
