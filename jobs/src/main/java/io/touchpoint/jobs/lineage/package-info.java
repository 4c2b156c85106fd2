/**
 * OpenLineage run events for the nightly and import jobs (off by default, {@code touchpoint.lineage.*}).
 */
@NullMarked
package io.touchpoint.jobs.lineage;

import org.jspecify.annotations.NullMarked;
