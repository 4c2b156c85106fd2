package io.touchpoint.scheduler;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One tenant's run of a schedule's firing: the job, the tenant, the business date, and the fire time it
 * was meant for (not the time it actually ran).
 */
public record ScheduledRun(String schedule, String job, String tenant, LocalDate businessDate, Instant fireTime) {
}
