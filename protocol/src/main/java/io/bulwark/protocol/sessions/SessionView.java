package io.bulwark.protocol.sessions;

import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.jobs.JobType;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of a job. The job's name is kept with the session, so history still reads well after
 * the job is deleted ({@code jobId} is then null).
 */
public record SessionView(
        UUID id,
        UUID jobId,
        String jobName,
        JobType jobType,
        SessionState state,
        Instant startedAt,
        Instant endedAt,
        int progressPercent,
        long processedBytes,
        long transferredBytes,
        String message) implements EntityView {
    @Override
    public String name() {
        return jobName;
    }
}
