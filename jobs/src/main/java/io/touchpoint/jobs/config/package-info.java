/**
 * The settings and infrastructure every command shares: the {@code touchpoint.*} properties, where the databases
 * and S3 are, the metadata and warehouse data sources, the warehouse's SQL dialect, and the messages that
 * explain database and S3 failures.
 */
@NullMarked
package io.touchpoint.jobs.config;

import org.jspecify.annotations.NullMarked;
