/**
 * Watching a scheduler node over HTTP: health of both databases and of S3, run metrics for Prometheus, and a
 * read-only status page of schedules and recent executions.
 */
@NullMarked
package io.touchpoint.jobs.watch;

import org.jspecify.annotations.NullMarked;
