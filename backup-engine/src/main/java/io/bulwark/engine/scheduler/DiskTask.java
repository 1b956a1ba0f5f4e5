package io.bulwark.engine.scheduler;

import java.util.Set;
import java.util.UUID;

/**
 * One disk of one VM to back up: the unit of work the scheduler places on a proxy's task slot.
 *
 * @param id           unique among the scheduler's tasks
 * @param jobId        the job run the disk belongs to
 * @param vm           the VM, unique within the job
 * @param datastore    where the disk lives: what decides the transport mode a proxy has to it
 * @param repositoryId the repository the job writes to; it has task slots of its own
 * @param bytes        the disk's size, which orders a VM's disks (largest first)
 * @param proxies      the proxies the job may use; empty for any (automatic selection)
 */
public record DiskTask(String id, UUID jobId, String vm, String disk, String datastore, UUID repositoryId,
                       long bytes, Set<UUID> proxies) {
    public DiskTask {
        proxies = Set.copyOf(proxies);
    }

    /** A disk any proxy may read. */
    public DiskTask(String id, UUID jobId, String vm, String disk, String datastore, UUID repositoryId, long bytes) {
        this(id, jobId, vm, disk, datastore, repositoryId, bytes, Set.of());
    }

    public boolean mayUse(UUID proxyId) {
        return proxies.isEmpty() || proxies.contains(proxyId);
    }
}
