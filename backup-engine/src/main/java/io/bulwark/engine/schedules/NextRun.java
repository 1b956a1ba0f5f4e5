package io.bulwark.engine.schedules;

import java.time.Instant;
import java.util.UUID;

/**
 * When a job's schedule runs it next and when its health check comes next ({@code GET
 * /jobs/ID/next-run}); null where there is none: a manual, after-a-job or disabled job, no health
 * check.
 */
public record NextRun(UUID jobId, Instant nextRunAt, Instant nextHealthCheckAt) {
}
