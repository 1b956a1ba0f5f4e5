package io.bulwark.agent.backup;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.repository.BlockStoreSession;
import io.bulwark.agent.repository.LocalRepository;
import io.bulwark.agent.repository.RepositoryKeys;
import io.bulwark.agent.repository.RepositoryLock;
import io.bulwark.agent.repository.points.BlockTableWriter;
import io.bulwark.agent.repository.points.PointId;
import io.bulwark.agent.repository.points.RestorePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A backup into a repository folder on this host: a {@link BlockStoreSession} for the blocks
 * (claims, packs, the lock held shared for the whole run) and, with the keys, the restore point's
 * table and metadata. A backup killed half-way leaves its published packs for the next one to reuse.
 */
public final class LocalBackupSession implements BackupTarget {
    private final LocalRepository repository;
    private final BlockStoreSession blocks;
    private final Clock clock;
    private final PointId pointId;
    private final BlockTableWriter table;
    private boolean committed;

    public LocalBackupSession(LocalRepository repository, RepositoryLock.Held lock, Clock clock) throws IOException {
        this.repository = repository;
        this.clock = clock;
        this.blocks = new BlockStoreSession(repository.storage(), lock);
        this.pointId = repository.newPointId();
        try {
            this.table = repository.points().newTable(pointId);
        } catch (IOException | RuntimeException e) {
            blocks.close();
            throw e;
        }
    }

    @Override
    public RepositoryKeys keys() {
        return repository.keys();
    }

    @Override
    public Optional<PreviousDisk> previous(String diskName, int blockSize) throws IOException {
        Optional<RestorePoint> newest = TablePreviousDisk.newestWithDisk(repository.points().list(), diskName, blockSize);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TablePreviousDisk(newest.get().disk(diskName), repository.points().openTable(newest.get()),
                () -> { }));
    }

    @Override
    public boolean[] claim(List<Fingerprint> fingerprints) {
        return blocks.claim(fingerprints);
    }

    @Override
    public void store(SealedBlob blob, Runnable written) throws IOException {
        blocks.store(blob, written);
    }

    @Override
    public void append(Fingerprint fingerprint) throws IOException {
        table.append(fingerprint);
    }

    @Override
    public RestorePoint commit(RestorePoint.Disk disk, RestorePoint.Stats stats) throws IOException {
        blocks.finish();
        table.finish();
        RestorePoint point = new RestorePoint(RestorePoint.VERSION, pointId, clock.instant(), ThisHost.name(),
                List.of(disk), stats);
        repository.points().commit(point);
        committed = true;
        return point;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                table.close();
                Files.deleteIfExists(repository.storage().pointFiles().temporaryTable(pointId));
            }
        } finally {
            blocks.close();
        }
    }
}
