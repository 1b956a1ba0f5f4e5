package io.bulwark.protocol.jobs;

import io.bulwark.protocol.EntityView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record JobView(
        UUID id,
        String name,
        String description,
        JobType type,
        UUID repositoryId,
        String repositoryName,
        List<JobObject> objects,
        JobSchedule schedule,
        Retention retention,
        JobStorage storage,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
