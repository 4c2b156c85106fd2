/**
 * The nightly data checks (rows, quarantine, money and freshness per source, judged against the trailing
 * nights), their store and step, and the schema-change policy for the columns of file sources.
 */
@NullMarked
package io.touchpoint.jobs.checks;

import org.jspecify.annotations.NullMarked;
