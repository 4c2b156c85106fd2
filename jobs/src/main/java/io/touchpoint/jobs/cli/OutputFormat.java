package io.touchpoint.jobs.cli;

/**
 * The {@code --format} of {@code query} and {@code explain}: a table for reading, CSV or JSON for a program. Written in
 * lower case ({@code --format csv}); picocli lists the values in the help and refuses any other with them.
 */
enum OutputFormat {

	// lower case: picocli lists and matches the constants by name, as --format takes them
	table, csv, json;
}
