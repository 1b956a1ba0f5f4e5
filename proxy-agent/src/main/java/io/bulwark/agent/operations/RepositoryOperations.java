package io.bulwark.agent.operations;

import io.bulwark.agent.backup.BackupMeter;
import io.bulwark.agent.backup.BackupOptions;
import io.bulwark.agent.backup.BackupPipeline;
import io.bulwark.agent.backup.LocalBackupSession;
import io.bulwark.agent.backup.Progress;
import io.bulwark.agent.blocks.CryptoWarmup;
import io.bulwark.agent.prune.GarbageCollector;
import io.bulwark.agent.prune.Retention;
import io.bulwark.agent.remote.HostPort;
import io.bulwark.agent.remote.RemoteBackupTarget;
import io.bulwark.agent.remote.TlsMaterial;
import io.bulwark.agent.repository.LocalRepository;
import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.repository.RepositoryLock;
import io.bulwark.agent.repository.points.RestorePoint;
import io.bulwark.agent.restore.RestoreJob;
import io.bulwark.agent.source.DiskSource;
import io.bulwark.agent.traffic.TrafficShaper;
import io.bulwark.agent.verify.HealthCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Consumer;

/**
 * What can be done to a repository folder on this host, each with the lock it needs, and backups
 * into a repository a repository agent serves on another host: the command line and the engine
 * come through here.
 */
public final class RepositoryOperations {
    private final Clock clock;
    private final Duration lockWait;
    private final int workers;
    private final Consumer<String> notices;
    private final TrafficShaper traffic;

    /**
     * @param lockWait how long to wait for a conflicting operation (a prune, or the backups a prune waits for)
     * @param notices  where to say that an operation is waiting, in words for the admin
     */
    public RepositoryOperations(Clock clock, Duration lockWait, int workers, Consumer<String> notices) {
        this(clock, lockWait, workers, notices, TrafficShaper.unrestricted());
    }

    /** @param traffic the network traffic rules that govern backups across the network */
    public RepositoryOperations(Clock clock, Duration lockWait, int workers, Consumer<String> notices,
                                TrafficShaper traffic) {
        this.clock = clock;
        this.lockWait = lockWait;
        this.workers = workers;
        this.notices = notices;
        this.traffic = traffic;
    }

    /** The same operations, their data connections held to {@code traffic}'s rules. */
    public RepositoryOperations withTraffic(TrafficShaper traffic) {
        return new RepositoryOperations(clock, lockWait, workers, notices, traffic);
    }

    public void init(Path directory, String password, String hint) throws IOException, RepositoryException {
        LocalRepository.init(directory, password, hint, clock);
    }

    public void changePassword(Path directory, String oldPassword, String newPassword, String hint)
            throws IOException, RepositoryException {
        LocalRepository.changePassword(directory, oldPassword, newPassword, hint, clock);
    }

    /** Backs up one disk and commits a restore point. */
    public RestorePoint backup(Path directory, String password, DiskSource source, BackupOptions options,
                               Progress progress) throws IOException, RepositoryException {
        return backup(directory, password, source, options, progress, new BackupMeter());
    }

    /**
     * As {@link #backup(Path, String, DiskSource, BackupOptions, Progress)}, {@code meter} hearing
     * what it reads and stores and how busy each stage is. An interrupt stops it; nothing is committed.
     */
    public RestorePoint backup(Path directory, String password, DiskSource source, BackupOptions options,
                               Progress progress, BackupMeter meter) throws IOException, RepositoryException {
        Thread warmup = CryptoWarmup.start();
        try (LocalRepository repository = LocalRepository.open(directory, password);
             LocalBackupSession session = new LocalBackupSession(repository, shared(repository, "back up"), clock)) {
            join(warmup);
            return new BackupPipeline(options, meter).run(source, session, progress);
        }
    }

    /** What a backup across the network did: its restore point, and the bytes it sent to the agent. */
    public record NetworkBackup(RestorePoint point, long bytesSent) {
    }

    /**
     * Backs up one disk into the repository the agent at {@code agent} serves, and commits a
     * restore point there. The password stays on this host: keys are unwrapped and blocks sealed
     * here, and the agent takes the repository lock.
     */
    public NetworkBackup backupOverNetwork(HostPort agent, TlsMaterial tls, String password, DiskSource source,
                                          BackupOptions options, Progress progress) throws IOException, RepositoryException {
        return backupOverNetwork(agent, null, tls, password, source, options, progress, new BackupMeter());
    }

    /**
     * As {@link #backupOverNetwork(HostPort, TlsMaterial, String, DiskSource, BackupOptions, Progress)},
     * into the folder {@code repositoryPath} of an agent that serves several ({@code agent run}; null
     * for {@code agent serve}'s only one), {@code meter} hearing how it goes. An interrupt stops it.
     */
    public NetworkBackup backupOverNetwork(HostPort agent, String repositoryPath, TlsMaterial tls, String password,
                                          DiskSource source, BackupOptions options, Progress progress, BackupMeter meter)
            throws IOException, RepositoryException {
        Thread warmup = CryptoWarmup.start();
        try (RemoteBackupTarget target = RemoteBackupTarget.open(agent, repositoryPath, tls, traffic, password, clock,
                notices)) {
            join(warmup);
            RestorePoint point = new BackupPipeline(options, meter).run(source, target, progress);
            return new NetworkBackup(point, target.bytesSent());
        }
    }

    public RestoreJob.Result restore(Path directory, String password, String point, String diskName, Path target,
                                     Progress progress) throws IOException, RepositoryException, RestoreJob.RestoreFailedException {
        Thread warmup = CryptoWarmup.start();
        try (LocalRepository repository = LocalRepository.open(directory, password);
             RepositoryLock.Held lock = shared(repository, "restore")) {
            RestorePoint chosen = repository.findPoint(point, diskName);
            RestorePoint.Disk disk = diskName != null ? chosen.disk(diskName) : onlyDisk(chosen);
            join(warmup);
            return new RestoreJob(repository, workers).run(chosen, disk, target, progress);
        }
    }

    public List<RestorePoint> points(Path directory, String password) throws IOException, RepositoryException {
        try (LocalRepository repository = LocalRepository.open(directory, password)) {
            return repository.points().list();
        }
    }

    public HealthCheck.Report verify(Path directory, String password, Progress progress)
            throws IOException, RepositoryException {
        return verify(directory, password, null, progress);
    }

    /** Checks the named restore points only (hex ids), reading just the blocks they need; null for all. */
    public HealthCheck.Report verify(Path directory, String password, Set<String> pointIds, Progress progress)
            throws IOException, RepositoryException {
        Thread warmup = CryptoWarmup.start();
        try (LocalRepository repository = LocalRepository.open(directory, password);
             RepositoryLock.Held lock = shared(repository, "verify")) {
            join(warmup);
            return new HealthCheck(repository, workers).run(progress,
                    point -> pointIds == null || pointIds.contains(point.id().hex()));
        }
    }

    /** What a forget did. */
    public record Forgotten(List<RestorePoint> forgotten, List<RestorePoint> kept, GarbageCollector.Result pruned) {
    }

    /**
     * Forgets the points the retention does not keep and, with {@code prune}, frees the blocks no
     * point needs any more. Forgetting takes the lock shared; pruning waits for it exclusively.
     */
    public Forgotten forget(Path directory, String password, Retention retention, boolean prune)
            throws IOException, RepositoryException {
        return forget(directory, password, all -> retention.toForget(all, clock.instant()), prune);
    }

    /**
     * Forgets the named points (hex ids; ones the repository does not hold are skipped) and, with
     * {@code prune}, frees the blocks no remaining point needs. For the engine's retention, which
     * decides per VM across its disks.
     */
    public Forgotten forget(Path directory, String password, Set<String> pointIds, boolean prune)
            throws IOException, RepositoryException {
        return forget(directory, password, all -> all.stream().filter(p -> pointIds.contains(p.id().hex())).toList(),
                prune);
    }

    private Forgotten forget(Path directory, String password, Function<List<RestorePoint>, List<RestorePoint>> choose,
                             boolean prune) throws IOException, RepositoryException {
        try (LocalRepository repository = LocalRepository.open(directory, password)) {
            List<RestorePoint> forgotten;
            List<RestorePoint> kept = new ArrayList<>();
            try (RepositoryLock.Held lock = shared(repository, "forget restore points")) {
                List<RestorePoint> all = repository.points().list();
                forgotten = choose.apply(all);
                for (RestorePoint point : forgotten) {
                    repository.points().delete(point.id());
                }
                all.stream().filter(p -> !forgotten.contains(p)).forEach(kept::add);
            }
            GarbageCollector.Result pruned = null;
            if (prune) {
                try (RepositoryLock.Held lock = exclusive(repository)) {
                    pruned = new GarbageCollector(repository).run();
                }
            }
            return new Forgotten(forgotten, kept, pruned);
        }
    }

    private RestorePoint.Disk onlyDisk(RestorePoint point) throws RepositoryException {
        if (point.disks().size() != 1) {
            throw new RepositoryException("Restore point " + point.id().shortForm() + " holds "
                    + point.disks().size() + " disks; say which with --disk NAME.");
        }
        return point.disks().getFirst();
    }

    private RepositoryLock.Held shared(LocalRepository repository, String what) throws IOException, RepositoryException {
        try {
            return repository.lock().shared(Duration.ofSeconds(1));
        } catch (RepositoryLock.LockTimeoutException busy) {
            notices.accept("Waiting to " + what + ": the repository is being pruned.");
            try {
                return repository.lock().shared(lockWait);
            } catch (RepositoryLock.LockTimeoutException e) {
                throw new RepositoryException("Cannot " + what + ": the repository at " + repository.layout().root()
                        + " is still being pruned after " + lockWait.toMinutes() + " minutes. Try again later.");
            }
        }
    }

    private RepositoryLock.Held exclusive(LocalRepository repository) throws IOException, RepositoryException {
        try {
            return repository.lock().exclusive(Duration.ofSeconds(1));
        } catch (RepositoryLock.LockTimeoutException busy) {
            notices.accept("Waiting to prune: backups, restores or checks are running on the repository.");
            try {
                return repository.lock().exclusive(lockWait);
            } catch (RepositoryLock.LockTimeoutException e) {
                throw new RepositoryException("Cannot prune: operations on the repository at " + repository.layout().root()
                        + " still run after " + lockWait.toMinutes() + " minutes. The points were forgotten; prune later "
                        + "with ./bulwark forget --keep-last N --prune.");
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
