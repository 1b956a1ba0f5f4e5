package io.bulwark.engine.runs;

import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.jobs.JobService;
import io.bulwark.engine.sessions.SessionStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.control.RepositoryVerified;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's health check: its repository is read back, and each of the job's restore points is
 * marked HEALTHY or DAMAGED. A session of type HEALTH_CHECK records it; a VM with a damaged point
 * is a WARNING that says what to do.
 */
public class HealthChecks {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);
    private static final String SESSIONS = ApiPaths.collection(ApiPaths.SESSIONS);
    private static final String POINTS = ApiPaths.collection(ApiPaths.RESTORE_POINTS);

    private final JobService jobs;
    private final BackupFolders folders;
    private final RestorePointStore points;
    private final RepositoryMaintenance maintenance;
    private final SessionStore sessions;
    private final SessionDetailsStore details;
    private final ChangeEvents events;
    private final Clock clock;
    private final Set<UUID> checking = ConcurrentHashMap.newKeySet();

    public HealthChecks(JobService jobs, BackupFolders folders, RestorePointStore points,
                        RepositoryMaintenance maintenance, SessionStore sessions, SessionDetailsStore details,
                        ChangeEvents events, Clock clock) {
        this.jobs = jobs;
        this.folders = folders;
        this.points = points;
        this.maintenance = maintenance;
        this.sessions = sessions;
        this.details = details;
        this.events = events;
        this.clock = clock;
    }

    /** Starts the job's health check in the background; answers its session. */
    public SessionView start(UUID jobId) {
        JobView job = jobs.get(jobId);
        if (!checking.add(jobId)) {
            throw new ConflictException("The health check of the job '" + job.name() + "' is running already.",
                    Map.of());
        }
        LiveSession session = new LiveSession(UUID.randomUUID(), job.id(), "Health check of " + job.name(),
                JobType.HEALTH_CHECK, clock);
        sessions.insert(session.view());
        details.save(session.details());
        events.publish(SESSIONS, ChangeAction.CREATED, session.id(), ChangeEvents.ENGINE);
        Thread.ofVirtual().name("health check " + job.name()).start(() -> {
            try {
                run(job, session);
            } finally {
                checking.remove(jobId);
            }
        });
        return session.view();
    }

    private void run(JobView job, LiveSession session) {
        // One read per folder (the repository's own, or the job's own encrypted one), of this job's blocks only.
        Map<String, List<RestorePointView>> byFolder = new LinkedHashMap<>();
        points.list(job.id()).forEach(p -> byFolder.computeIfAbsent(BackupFolders.folderKey(p), k -> new ArrayList<>())
                .add(p));
        for (List<RestorePointView> inFolder : byFolder.values()) {
            RestorePointView first = inFolder.getFirst();
            try {
                RepositoryVerified verified = maintenance.verify(folders.of(first), inFolder.stream()
                        .flatMap(p -> p.disks().stream()).map(RestorePointDisk::storedPointId).toList());
                record(session, inFolder, verified);
            } catch (RuntimeException e) {
                String where = "The repository '" + first.repositoryName() + "'"
                        + (first.folder() == null ? "" : " (the job's folder " + first.folder() + ")");
                LOG.warn("The health check of '{}' could not read {}: {}", job.name(), where, e.getMessage());
                for (RestorePointView point : inFolder) {
                    session.vmOutcome(point.vmReference(), point.vmName(), SessionState.FAILED, where
                            + " could not be checked: " + e.getMessage(), List.of());
                }
            }
        }
        session.finish();
        sessions.update(session.view());
        details.save(session.details());
        events.publish(SESSIONS, ChangeAction.UPDATED, session.id(), ChangeEvents.ENGINE);
        LOG.info("Health check of '{}' ended {}", job.name(), session.view().state());
    }

    private void record(LiveSession session, List<RestorePointView> jobPoints, RepositoryVerified verified) {
        Set<String> damaged = new HashSet<>(verified.damagedPointIds());
        Instant now = clock.instant();
        Map<String, List<RestorePointView>> byVm = new LinkedHashMap<>();
        jobPoints.forEach(p -> byVm.computeIfAbsent(p.vmReference(), k -> new ArrayList<>()).add(p));
        for (List<RestorePointView> vmPoints : byVm.values()) {
            List<String> lines = new ArrayList<>();
            int bad = 0;
            for (RestorePointView point : vmPoints) {
                boolean ok = point.disks().stream().noneMatch(d -> damaged.contains(d.storedPointId()));
                points.recordHealth(point.id(), ok ? BackupHealth.HEALTHY : BackupHealth.DAMAGED, now);
                events.publish(POINTS, ChangeAction.UPDATED, point.id(), ChangeEvents.ENGINE);
                lines.add("Restore point of " + point.createdAt() + ": " + (ok ? "healthy." : "DAMAGED."));
                bad += ok ? 0 : 1;
            }
            RestorePointView newest = vmPoints.getFirst();
            session.vmOutcome(newest.vmReference(), newest.vmName(), bad == 0 ? SessionState.SUCCESS
                    : SessionState.WARNING, bad == 0 ? "All " + vmPoints.size() + " restore points are healthy."
                    : bad + " of " + vmPoints.size() + " restore points are damaged and cannot be restored. Run an "
                    + "active full backup of the job to make a new good one, and check the repository's disk.", lines);
        }
        verified.problems().forEach(problem -> LOG.warn("Health check: {}", problem));
    }
}
