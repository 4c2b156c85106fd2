/**
 * Log output: the console encoder (text or structured JSON) and the MDC keys that put the run (tenant, job,
 * execution, step) on every line a job writes.
 */
@NullMarked
package io.touchpoint.jobs.logging;

import org.jspecify.annotations.NullMarked;
