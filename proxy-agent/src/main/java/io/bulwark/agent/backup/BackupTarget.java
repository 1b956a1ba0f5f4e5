package io.bulwark.agent.backup;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.repository.RepositoryKeys;
import io.bulwark.agent.repository.points.RestorePoint;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where one backup goes: a repository folder on this host, or a repository agent across the
 * network. The pipeline fingerprints, compresses and encrypts on its side of this interface, so
 * across the network only sealed blobs travel, and only those the repository lacks.
 */
public interface BackupTarget extends AutoCloseable {
    RepositoryKeys keys();

    /** Whether stored blocks cross the network to a repository agent, for the measure of which stage is busy. */
    default boolean acrossNetwork() {
        return false;
    }

    /** The newest restore point's table of this disk, for incremental backups; empty on the first backup. */
    Optional<PreviousDisk> previous(String diskName, int blockSize) throws IOException;

    /**
     * For each fingerprint, whether the caller must store the block: false when the repository
     * holds it or another worker of this backup is already storing it. Thread-safe.
     */
    boolean[] claim(List<Fingerprint> fingerprints) throws IOException;

    /** Stores a claimed block; {@code written} runs once its buffer may be reused. Thread-safe; may block. */
    void store(SealedBlob blob, Runnable written) throws IOException;

    /** Appends the next block of the disk to the restore point's table, in disk order. One thread. */
    void append(Fingerprint fingerprint) throws IOException;

    /** Makes the restore point durable and visible. Nothing of it is visible before. */
    RestorePoint commit(RestorePoint.Disk disk, RestorePoint.Stats stats) throws IOException;

    /** Ends the backup; without a commit, nothing of it becomes a restore point. */
    @Override
    void close() throws IOException;

    /** A disk's table in its newest restore point, read block by block from the first. */
    interface PreviousDisk extends AutoCloseable {
        RestorePoint.Disk disk();

        Fingerprint next() throws IOException;

        @Override
        void close() throws IOException;
    }
}
