package io.bulwark.engine.schedules;

import java.util.UUID;

/**
 * Verifies a job's restore points: what the schedules call when a job's health check comes due
 * ({@code JobStorage.healthCheck}). Called on a virtual thread of its own, never while the job runs
 * or while this schedule's previous call is still going. The engine's is {@code runs.HealthChecks}
 * ({@link SchedulesConfiguration}); the tests record the calls.
 */
@FunctionalInterface
public interface JobHealthCheck {
    void check(UUID jobId);
}
