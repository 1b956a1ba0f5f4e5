package io.bulwark.protocol.jobs;

import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.repositories.EncryptionView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A backup job as the engine keeps it.
 *
 * @param encryption whether the job seals its backups with a password of its own (never the password
 *                   itself): {@code passwordSet} stays true after it is turned off while backups made
 *                   with it may still need it
 */
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
        EncryptionView encryption,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
