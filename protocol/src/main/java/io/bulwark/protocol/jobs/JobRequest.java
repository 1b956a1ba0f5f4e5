package io.bulwark.protocol.jobs;

import io.bulwark.protocol.repositories.EncryptionRequest;
import java.util.List;
import java.util.UUID;

/**
 * Creates or changes a backup job. Null schedule means manual; null retention keeps 14 restore points;
 * null storage means automatic proxy selection, optimal compression and 1 MiB blocks.
 *
 * @param encryption the job's own encryption password: its backups then go to a folder of their own
 *                   in the repository, sealed with it. Null or not enabled: the repository's. On
 *                   update, an empty password keeps the stored one; a new one reseals the folder.
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
        EncryptionRequest encryption,
        Boolean enabled) {
}
