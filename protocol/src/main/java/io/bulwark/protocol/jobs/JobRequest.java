package io.bulwark.protocol.jobs;

import java.util.List;
import java.util.UUID;

/** Creates or changes a backup job. Null schedule means manual; null retention keeps 14 restore points. */
public record JobRequest(
        String name,
        String description,
        JobType type,
        UUID repositoryId,
        List<JobObject> objects,
        JobSchedule schedule,
        Retention retention,
        Boolean enabled) {
}
