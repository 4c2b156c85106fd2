/**
 * The scheduler's side of the application: the launcher that runs a scheduled tenant night through the same path
 * as the command line, the Quartz nodes over the metadata database, and their settings.
 */
@NullMarked
package io.touchpoint.jobs.schedule;

import org.jspecify.annotations.NullMarked;
