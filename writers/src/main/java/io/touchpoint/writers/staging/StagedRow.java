package io.touchpoint.writers.staging;

/**
 * A row destined for a staging table.
 *
 * <p>Implementations describe the row generically: the name of the staging table it belongs to,
 * how to write its fields (in the table's CSV column order) to a {@link CsvRowEncoder}, and the
 * row's money column in minor units, which the writers sum into each part and manifest so the
 * load and reconcile steps can check it. {@link #writeCsv} writes the fields only; the writer ends
 * the row (calling {@link CsvRowEncoder#endRow()} inside {@code writeCsv} is harmless).
 */
public interface StagedRow {

	/** The staging table this row belongs to, matching {@code [a-z_][a-z0-9_]*}. */
	String table();

	/** Writes this row's fields, in the table's CSV column order. */
	void writeCsv(CsvRowEncoder out);

	/** The row's money column in minor units (cents), summed into the manifest; 0 when none. */
	default long moneyMinor() {
		return 0;
	}
}
