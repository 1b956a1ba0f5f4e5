package io.bulwark.protocol.backups;

import io.bulwark.protocol.EntityView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A VM's restore point: every disk the job backed up in one session, each a restore point of its
 * own in the repository. Any restore point restores on its own.
 *
 * @param folder    the folder on the repository's host that holds it: null for the repository's own,
 *                  else the folder of a job with its own encryption password
 * @param health    what the last health check found; {@code checkedAt} is when (null before the first)
 */
public record RestorePointView(UUID id, UUID jobId, String jobName, String vmReference, String vmName,
                               UUID repositoryId, String repositoryName, String folder, UUID sessionId, Instant createdAt,
                               List<RestorePointDisk> disks, BackupHealth health, Instant checkedAt) implements EntityView {
    @Override
    public String name() {
        return vmName;
    }

    public long sizeBytes() {
        return disks.stream().mapToLong(RestorePointDisk::capacityBytes).sum();
    }
}
