package io.bulwark.agent.tasks;

import io.bulwark.agent.backup.BackupMeter;
import io.bulwark.agent.backup.BackupOptions;
import io.bulwark.agent.blocks.Compression;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.remote.HostPort;
import io.bulwark.agent.remote.TlsMaterial;
import io.bulwark.agent.repository.points.RestorePoint;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.RepositoryTarget;
import java.nio.file.Path;

/** {@code backup-disk}: one disk into one restore point, in a repository folder here or on a repository agent. */
final class BackupTask implements DiskTask {
    private final DiskBackupOrder order;
    private final RepositoryOperations operations;
    private final BackupSources sources;
    private final TlsMaterial tls;

    BackupTask(DiskBackupOrder order, RepositoryOperations operations, BackupSources sources, TlsMaterial tls) {
        this.order = order;
        this.operations = operations;
        this.sources = sources;
        this.tls = tls;
    }

    /** Checks what can be checked before a thread starts, so that a malformed order is refused at once. */
    static void check(DiskBackupOrder order) {
        if (order.diskName() == null || order.diskName().isBlank()) {
            throw new IllegalArgumentException("The backup order names no disk (diskName).");
        }
        if (order.source() == null) {
            throw new IllegalArgumentException("The backup order names no source.");
        }
        AgentTasks.checkRepository(order.repository());
        options(order);
    }

    private static BackupOptions options(DiskBackupOrder order) {
        return new BackupOptions(order.diskName(), order.blockSize() == 0 ? BackupOptions.DEFAULT_BLOCK_SIZE
                : order.blockSize(), Compression.parse(order.compression() == null ? "optimal" : order.compression()),
                Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void run(TaskRecord record) throws Exception {
        RepositoryTarget repository = order.repository();
        if (!repository.local() && tls == null) {
            throw new IllegalStateException("This agent has no TLS certificate to reach the repository agent at "
                    + repository.agentHost() + ":" + repository.agentPort() + " with.");
        }
        PreparedSource source = sources.open(order.source(), record::log);
        boolean committed = false;
        try {
            record.progress(0, source.disk().size());
            BackupMeter meter = new BackupMeter();
            record.metered(meter);
            RestorePoint point;
            long transferred;
            if (repository.local()) {
                record.log("Backing up into the repository " + repository.path() + " on this host.");
                point = operations.backup(Path.of(repository.path()), repository.password(), source.disk(),
                        options(order), record::progress, meter);
                transferred = point.stats().bytesStored();
            } else {
                HostPort agent = new HostPort(repository.agentHost(), repository.agentPort());
                record.log("Backing up into the repository " + repository.path() + " of the repository agent at "
                        + agent + ".");
                RepositoryOperations.NetworkBackup backup = operations.backupOverNetwork(agent, repository.path(), tls,
                        repository.password(), source.disk(), options(order), record::progress, meter);
                point = backup.point();
                transferred = backup.bytesSent();
            }
            committed = true;
            record.counted(point.stats().bytesRead(), transferred);
            record.committed(point.id().hex());
            record.log("Committed restore point " + point.id().shortForm() + ": " + point.stats().bytesRead()
                    + " bytes read, " + point.stats().bytesNew() + " new, " + transferred + " transferred. Load: "
                    + meter.load() + ", bottleneck " + meter.load().bottleneck() + ".");
        } finally {
            // Cleaning up must not be cut short by the interrupt of a cancel: qemu-nbd has to be gone
            // before qemu-img may change the image.
            boolean interrupted = Thread.interrupted();
            source.close();
            if (committed) {
                source.committed();
            } else {
                source.abandoned();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
