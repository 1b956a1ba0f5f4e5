package io.bulwark.protocol.jobs;

import java.util.List;
import java.util.UUID;

/**
 * A job's storage options beyond its repository.
 *
 * @param proxyIds    the backup proxies the job may use; empty for automatic selection (any proxy)
 * @param compression how blocks are compressed
 * @param blockSize   the block size in bytes: 256 KiB (WAN), 512 KiB (LAN), 1 MiB (local, the
 *                    default) or 4 MiB (large disks)
 * @param healthCheck when the job's restore points are verified: a DAILY or MONTHLY schedule, or
 *                    null for never
 */
public record JobStorage(List<UUID> proxyIds, Compression compression, int blockSize, JobSchedule healthCheck) {
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    public static final List<Integer> BLOCK_SIZES = List.of(256 << 10, 512 << 10, 1 << 20, 4 << 20);
    public static final JobStorage DEFAULT = new JobStorage(List.of(), Compression.OPTIMAL, DEFAULT_BLOCK_SIZE, null);

    public boolean automaticProxy() {
        return proxyIds == null || proxyIds.isEmpty();
    }
}
