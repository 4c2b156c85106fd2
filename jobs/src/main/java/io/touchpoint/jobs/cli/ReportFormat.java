package io.touchpoint.jobs.cli;

/**
 * The {@code --format} of {@code report}: a table for reading, CSV or JSON for a program, or one self-contained HTML
 * page. Written in lower case ({@code --format html}); picocli lists the values in the help and refuses any other
 * with them.
 */
enum ReportFormat {

	// lower case: picocli lists and matches the constants by name, as --format takes them
	table, csv, json, html;
}
