/**
 * Clustered scheduling on Quartz's JDBC job store: schedules (a job, its tenants, a cron expression in a time
 * zone), the business date of a run taken from the fire time it was meant for, one run per tenant handed to the
 * application's launcher, and no two runs of a job for one tenant at once.
 */
@NullMarked
package io.touchpoint.scheduler;

import org.jspecify.annotations.NullMarked;
