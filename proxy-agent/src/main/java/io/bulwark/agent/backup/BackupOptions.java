package io.bulwark.agent.backup;

import io.bulwark.agent.blocks.Compression;
import java.util.Set;

/**
 * How to back up one disk.
 *
 * @param diskName  the disk's name in the restore point; incremental backups compare with the
 *                  newest point that has a disk of this name
 * @param blockSize 256 KiB, 512 KiB, 1 MiB (the default) or 4 MiB
 * @param workers   threads that fingerprint, compress and encrypt; one per core by default
 */
public record BackupOptions(String diskName, int blockSize, Compression compression, int workers) {
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    public static final Set<Integer> BLOCK_SIZES = Set.of(256 << 10, 512 << 10, 1 << 20, 4 << 20);

    public BackupOptions {
        if (!BLOCK_SIZES.contains(blockSize)) {
            throw new IllegalArgumentException("The block size must be 256K, 512K, 1M or 4M.");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker");
        }
    }

    public static BackupOptions defaults(String diskName) {
        return new BackupOptions(diskName, DEFAULT_BLOCK_SIZE, Compression.OPTIMAL, Runtime.getRuntime().availableProcessors());
    }
}
