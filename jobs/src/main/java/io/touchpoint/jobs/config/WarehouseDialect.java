package io.touchpoint.jobs.config;

import org.jspecify.annotations.Nullable;

/**
 * The warehouse's SQL dialect, chosen by the JDBC URL: {@code jdbc:singlestore:} is SingleStore
 * (columnstore DDL from {@code sql/singlestore/}, loads through pipelines, the SingleStore driver);
 * {@code jdbc:mariadb:} and {@code jdbc:mysql:} (and the embedded default) are MySQL (InnoDB DDL from
 * {@code sql/mysql/}, LOAD DATA LOCAL INFILE with a ledger, the MariaDB driver).
 */
public enum WarehouseDialect {

	MYSQL("mysql"), SINGLESTORE("singlestore");

	private final String folder;

	WarehouseDialect(String folder) {
		this.folder = folder;
	}

	/** The folder of this dialect's warehouse DDL under {@code sql/}. */
	public String folder() {
		return folder;
	}

	/** The dialect of a warehouse JDBC URL; null or blank (the embedded default) is MySQL. */
	public static WarehouseDialect of(@Nullable String url) {
		return url != null && url.startsWith("jdbc:singlestore:") ? SINGLESTORE : MYSQL;
	}

	/** The dialect of the resolved warehouse. */
	public static WarehouseDialect of(Endpoints endpoints) {
		return of(endpoints.warehouse().url());
	}
}
