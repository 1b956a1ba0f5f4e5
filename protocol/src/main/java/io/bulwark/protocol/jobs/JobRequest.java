package io.bulwark.protocol.jobs;

import java.util.List;
import java.util.UUID;

/**
 * Creates or changes a backup job. Null schedule means manual; null retention keeps 14 restore points;
 * null storage means automatic proxy selection, optimal compression and 1 MiB blocks.
 */
public record JobRequest(
        String name,
        String description,
        JobType type,
        UUID repositoryId,
        List<JobObject> objects,
        JobSchedule schedule,
        Retention retention,
        JobStorage storage,
        Boolean enabled) {
}
