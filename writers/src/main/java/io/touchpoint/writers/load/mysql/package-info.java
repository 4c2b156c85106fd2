/**
 * Loading staged parts into MariaDB/MySQL with {@code LOAD DATA LOCAL INFILE}, each part in one transaction with
 * its {@code load_ledger} row.
 */
@NullMarked
package io.touchpoint.writers.load.mysql;

import org.jspecify.annotations.NullMarked;
