/**
 * Reports from the rollup tables: touchpoint value, revenue, cohorts, attribution and the journeys, as text
 * tables, CSV, JSON or one self-contained HTML page, and the contacts behind a number.
 */
@NullMarked
package io.touchpoint.jobs.report;

import org.jspecify.annotations.NullMarked;
