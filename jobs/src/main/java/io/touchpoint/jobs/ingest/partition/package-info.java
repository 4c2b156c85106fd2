/**
 * Normalize as a partitioned step: the batch's files cut at record boundaries into partitions, each read, mapped
 * and staged by its own chunk-oriented step with its own restart position and quarantine.
 */
@NullMarked
package io.touchpoint.jobs.ingest.partition;

import org.jspecify.annotations.NullMarked;
