package io.bulwark.engine.runs;

import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.jobs.JobService;
import io.bulwark.engine.runs.BackupFolders.BackupFolder;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.control.RepositoryForgotten;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.Retention;
import io.bulwark.protocol.jobs.RetentionUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's retention, applied after each of its runs: per VM, the restore points beyond what the
 * job keeps are removed, and the repository frees the blocks no other point needs. The engine
 * decides per VM restore point (all its disks together), so a VM is never left with some disks of
 * a point. The newest point of a VM is always kept: the next incremental reads through its bitmaps.
 *
 * <p>The rows go first, then the repository forgets: a failure in between leaves unreferenced
 * points that cost space, never a listed restore point that cannot be restored.
 */
public class JobRetention {
    private static final Logger LOG = LoggerFactory.getLogger(JobRetention.class);
    private static final String POINTS = ApiPaths.collection(ApiPaths.RESTORE_POINTS);

    private final JobService jobs;
    private final BackupFolders folders;
    private final RestorePointStore points;
    private final RepositoryMaintenance maintenance;
    private final ChangeEvents events;
    private final Clock clock;

    public JobRetention(JobService jobs, BackupFolders folders, RestorePointStore points,
                        RepositoryMaintenance maintenance, ChangeEvents events, Clock clock) {
        this.jobs = jobs;
        this.folders = folders;
        this.points = points;
        this.maintenance = maintenance;
        this.events = events;
        this.clock = clock;
    }

    /** Applies the job's retention; answers the restore points removed. */
    public List<RestorePointView> apply(UUID jobId) {
        JobView job = jobs.get(jobId);
        List<RestorePointView> removed = new ArrayList<>();
        byVm(points.list(jobId)).values()
                .forEach(vm -> removed.addAll(beyond(vm, job.retention(), clock.instant())));
        remove(removed, "retention of the job '" + job.name() + "'");
        return removed;
    }

    /** Removes every restore point the job made ("Delete from disk"); answers them. */
    public List<RestorePointView> removeAll(UUID jobId) {
        List<RestorePointView> all = points.list(jobId);
        remove(all, "deleting the backups of the job '" + jobs.get(jobId).name() + "'");
        return all;
    }

    /**
     * The restore points of one VM (newest first) that the retention does not keep: beyond the
     * newest {@code value}, or older than {@code value} days. The newest is always kept.
     */
    static List<RestorePointView> beyond(List<RestorePointView> newestFirst, Retention retention, Instant now) {
        if (newestFirst.size() <= 1) {
            return List.of();
        }
        List<RestorePointView> older = newestFirst.subList(1, newestFirst.size());
        if (retention.unit() == RetentionUnit.RESTORE_POINTS) {
            return List.copyOf(newestFirst.subList(Math.min(newestFirst.size(), retention.value()), newestFirst.size()));
        }
        Instant cutoff = now.minus(Duration.ofDays(retention.value()));
        return older.stream().filter(p -> p.createdAt().isBefore(cutoff)).toList();
    }

    private static Map<String, List<RestorePointView>> byVm(List<RestorePointView> newestFirst) {
        Map<String, List<RestorePointView>> byVm = new LinkedHashMap<>();
        newestFirst.forEach(p -> byVm.computeIfAbsent(p.vmReference(), k -> new ArrayList<>()).add(p));
        return byVm;
    }

    private void remove(List<RestorePointView> removed, String why) {
        // Opened before the rows go: a point in a job's folder carries the password that opens it.
        Map<String, BackupFolder> folderOf = new LinkedHashMap<>();
        Map<String, List<String>> storedByFolder = new LinkedHashMap<>();
        for (RestorePointView point : removed) {
            String key = BackupFolders.folderKey(point);
            folderOf.computeIfAbsent(key, k -> folders.of(point));
            point.disks().stream().map(RestorePointDisk::storedPointId)
                    .forEach(id -> storedByFolder.computeIfAbsent(key, k -> new ArrayList<>()).add(id));
        }
        for (RestorePointView point : removed) {
            points.delete(point.id());
            events.publish(POINTS, ChangeAction.DELETED, point.id(), ChangeEvents.ENGINE);
        }
        storedByFolder.forEach((key, stored) -> {
            BackupFolder folder = folderOf.get(key);
            RepositoryForgotten done = maintenance.forget(folder, stored);
            LOG.info("{}: removed {} VM restore point(s); {} forgot {} disk point(s) and freed {} bytes",
                    why, removed.size(), folder, done.forgotten().size(), done.bytesFreed());
        });
    }
}
