package io.bulwark.engine.schedules;

import java.util.UUID;

/**
 * Verifies a job's restore points: what the schedules call when a job's health check comes due
 * ({@code JobStorage.healthCheck}). Called on a virtual thread of its own, never while the job runs
 * or while its previous check is still going; it may take as long as the reading takes. Declare a
 * bean of this type to replace the one that only logs ({@link SchedulesConfiguration}).
 */
@FunctionalInterface
public interface JobHealthCheck {
    void check(UUID jobId);
}
