package io.bulwark.engine.runs;

import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.inventory.InventoryService;
import io.bulwark.engine.jobs.JobService;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.runs.BackupFolders.BackupFolder;
import io.bulwark.engine.runs.RunPlanner.PlannedDisk;
import io.bulwark.engine.scheduler.Assignment;
import io.bulwark.engine.scheduler.DiskTask;
import io.bulwark.engine.scheduler.ProxyCapacity;
import io.bulwark.engine.scheduler.TaskScheduler;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import io.bulwark.engine.sessions.SessionStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.sessions.SessionDetails;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionTaskView;
import io.bulwark.protocol.sessions.SessionView;
import io.bulwark.protocol.sessions.SessionVmView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs backup jobs. A run is a session; each VM disk is a task that the one {@link TaskScheduler}
 * of the engine places on a proxy slot; a virtual thread per placed task has the proxy's agent
 * carry it out and follows it until it ends, then frees the slot. A VM whose disks all succeeded
 * gets a restore point; its disks' bitmaps are what the next run reads through.
 *
 * <p>Stop withdraws the session's waiting tasks and cancels its running ones; a VM that did not
 * finish gets no restore point, and the agent drops the bitmap it had added, so the next run reads
 * through the previous one as if the stopped run had not been.
 */
public class JobRunner implements JobRuns {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final String SESSIONS = ApiPaths.collection(ApiPaths.SESSIONS);
    private static final Duration LOST_FOR = Duration.ofMinutes(10);

    private final JobService jobs;
    private final ProxyService proxies;
    private final RepositoryService repositories;
    private final ServerService servers;
    private final TaskAgents agents;
    private final SessionStore sessions;
    private final SessionDetailsStore details;
    private final RestorePointStore points;
    private final ChangeEvents events;
    private final Clock clock;
    private final RunPlanner planner;
    private final DiskBackups diskBackups;
    private final BackupFolders folders;
    private final Map<UUID, LiveSession> live = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final TaskScheduler scheduler = new TaskScheduler();
    private final Map<String, PlannedDisk> planned = new ConcurrentHashMap<>();
    private final Set<UUID> runningJobs = ConcurrentHashMap.newKeySet();
    /** Proxies that stopped answering mid-task, and when: left out of new placements for a while. */
    private final Map<UUID, Instant> lostProxies = new ConcurrentHashMap<>();
    /** "task@proxy": placements taken back from a lost proxy, whose threads end without a word. */
    private final Set<String> moved = ConcurrentHashMap.newKeySet();
    private final List<Consumer<SessionView>> endListeners = new CopyOnWriteArrayList<>();

    /** What a VM's finished disks left, for its restore point. */
    private final Map<String, List<RestorePointDisk>> stored = new ConcurrentHashMap<>();

    public JobRunner(JobService jobs, InventoryService inventory, ProxyService proxies,
                     RepositoryService repositories, ServerService servers, TaskAgents agents,
                     SessionStore sessions, SessionDetailsStore details, RestorePointStore points,
                     BackupFolders folders, NetworkExports exports, ChangeEvents events, Clock clock) {
        this.jobs = jobs;
        this.proxies = proxies;
        this.repositories = repositories;
        this.servers = servers;
        this.agents = agents;
        this.sessions = sessions;
        this.details = details;
        this.points = points;
        this.events = events;
        this.clock = clock;
        this.folders = folders;
        this.planner = new RunPlanner(inventory, points);
        this.diskBackups = new DiskBackups(servers, exports, events);
    }

    /**
     * Ends the sessions the engine was running when it last stopped: nothing follows them any more.
     * Their VMs that had finished keep their restore points; the others' disks keep the previous
     * bitmap, so the next run reads only what changed since the last good point.
     */
    public List<SessionView> failInterrupted() {
        List<SessionView> ended = sessions.failRunning("The engine stopped while this session ran: it was "
                + "interrupted. VMs that had finished keep their restore points; run the job again to back up the "
                + "others (it reads only what changed since their last restore point).", clock.instant());
        ended.forEach(session -> {
            LOG.warn("Session {} of job '{}' was running when the engine stopped; it is marked failed",
                    session.id(), session.jobName());
            details.find(session.id()).ifPresent(saved -> details.save(interrupted(saved, session)));
            events.publish(SESSIONS, ChangeAction.UPDATED, session.id(), ChangeEvents.ENGINE);
        });
        return ended;
    }

    /** The saved details of an interrupted session, with what was still running failed for that reason. */
    static SessionDetails interrupted(SessionDetails saved, SessionView now) {
        String why = "The engine stopped while this was running; run the job again.";
        List<SessionVmView> vms = saved.vms().stream().map(vm -> vm.state() != SessionState.RUNNING ? vm
                : new SessionVmView(vm.id(), vm.reference(), vm.name(), SessionState.FAILED, why, vm.startedAt(),
                        now.endedAt(), vm.tasks().stream().map(t -> t.state() != SessionState.RUNNING ? t
                                : new SessionTaskView(t.id(), t.disk(), t.proxyName(), t.transportMode(),
                                        SessionState.FAILED, t.totalBytes(), t.doneBytes(), t.readBytes(),
                                        t.transferredBytes(), t.load(), t.startedAt(), now.endedAt(), why)).toList(),
                        java.util.stream.Stream.concat(vm.log().stream(), java.util.stream.Stream.of("Error: " + why))
                                .toList())).toList();
        int errors = (int) vms.stream().filter(vm -> vm.state() == SessionState.FAILED).count();
        return new SessionDetails(now, saved.readBytes(), saved.success(), saved.warnings(), errors, saved.load(),
                saved.samples(), vms);
    }

    /** A session's details: live while it runs, from the database after (with the session as it is now). */
    public Optional<SessionDetails> details(UUID sessionId) {
        LiveSession session = live.get(sessionId);
        if (session != null) {
            return Optional.of(session.details());
        }
        return details.find(sessionId).map(saved -> sessions.find(sessionId)
                .map(now -> new SessionDetails(now, saved.readBytes(), saved.success(), saved.warnings(),
                        saved.errors(), saved.load(), saved.samples(), saved.vms()))
                .orElse(saved));
    }

    public List<RestorePointView> restorePoints(UUID jobId) {
        return points.list(jobId);
    }

    @Override
    public void whenSessionEnds(Consumer<SessionView> listener) {
        endListeners.add(listener);
    }

    @Override
    public boolean isRunning(UUID jobId) {
        return runningJobs.contains(jobId);
    }

    /** Starts a run of the job and answers its session. */
    @Override
    public SessionView start(UUID jobId, RunKind kind) {
        JobView job = jobs.get(jobId);
        if (!job.enabled()) {
            throw new ConflictException("The job '" + job.name() + "' is disabled. Enable it to run it.", Map.of());
        }
        List<JobObject> objects = kind == RunKind.RETRY ? failedInLastSession(job) : job.objects();
        if (!runningJobs.add(jobId)) {
            throw new ConflictException("The job '" + job.name() + "' is running already.", Map.of());
        }
        try {
            return run(job, objects, kind);
        } catch (RuntimeException e) {
            runningJobs.remove(jobId); // it never started: the next Start must not be refused
            throw e;
        }
    }

    /** The job's objects whose VM failed or was stopped in the job's last session. */
    private List<JobObject> failedInLastSession(JobView job) {
        SessionView last = sessions.newestOfJob(job.id(), JobType.VM_BACKUP).orElseThrow(() -> new ConflictException(
                "The job '" + job.name() + "' has not run yet: there is nothing to retry. Start it instead.", Map.of()));
        Set<String> failed = new HashSet<>();
        details(last.id()).ifPresent(d -> d.vms().stream()
                .filter(vm -> vm.state() == SessionState.FAILED || vm.state() == SessionState.STOPPED)
                .map(SessionVmView::reference).forEach(failed::add));
        List<JobObject> retried = job.objects().stream().filter(o -> failed.contains(o.reference())).toList();
        if (retried.isEmpty()) {
            throw new ConflictException("The last session of the job '" + job.name() + "' has no failed VM to retry.",
                    Map.of());
        }
        return retried;
    }

    private SessionView run(JobView job, List<JobObject> objects, RunKind kind) {
        BackupFolder folder = folders.forRun(job, repositories.get(job.repositoryId()));
        LiveSession session = new LiveSession(UUID.randomUUID(), job.id(), job.name(), job.type(), clock);
        List<PlannedDisk> disks = planner.plan(job, objects, kind, folder, session);
        live.put(session.id(), session);
        sessions.insert(session.view());
        LOG.info("Job '{}' starts ({}): session {}, {} disk tasks", job.name(), kind, session.id(), disks.size());
        disks = inPreparedFolder(withoutUnreadable(disks, session), folder, session);
        if (disks.isEmpty()) {
            end(session);
            return session.view();
        }
        save(session);
        lock.lock();
        try {
            refreshCapacity(disks);
            disks.forEach(disk -> planned.put(disk.task().id(), disk));
            scheduler.submit(disks.stream().map(PlannedDisk::task).toList());
        } finally {
            lock.unlock();
        }
        pump();
        return session.view();
    }

    @Override
    public SessionView stop(UUID jobId, String reason) {
        LiveSession session = live.values().stream().filter(s -> s.jobId().equals(jobId)).findFirst()
                .orElseThrow(() -> new ConflictException("The job '" + jobs.get(jobId).name() + "' is not running.",
                        Map.of()));
        session.stop(reason);
        LOG.info("Stopping session {}: {}", session.id(), reason);
        List<DiskTask> withdrawn;
        List<String> started;
        lock.lock();
        try {
            withdrawn = scheduler.withdraw(jobId);
            withdrawn.forEach(task -> taskWithdrawn(planned.remove(task.id())));
            started = planned.values().stream().filter(d -> d.session() == session).map(d -> d.task().id()).toList();
            if (started.isEmpty()) {
                end(session);
            }
        } finally {
            lock.unlock();
        }
        started.forEach(diskBackups::cancel);
        save(session);
        return session.view();
    }

    private void taskWithdrawn(PlannedDisk disk) {
        if (disk != null && disk.session().taskEnded(disk.vmReference(), disk.disk().name(), null,
                "stopped before it started")) {
            vmEnded(disk);
        }
    }

    /**
     * Fails at once the disks that no ready proxy the job may use can read, rather than leaving them
     * to wait for a slot that never comes.
     */
    private List<PlannedDisk> withoutUnreadable(List<PlannedDisk> disks, LiveSession session) {
        Set<DatastoreKey> datastores = new HashSet<>();
        disks.forEach(d -> datastores.add(DatastoreKey.parse(d.task().datastore())));
        List<ProxyCapacity> ready = capacities(datastores);
        List<PlannedDisk> readable = new ArrayList<>();
        for (PlannedDisk disk : disks) {
            boolean reached = ready.stream().anyMatch(proxy -> disk.task().mayUse(proxy.id())
                    && proxy.modeTo(disk.task().datastore()) != null);
            if (reached) {
                readable.add(disk);
                continue;
            }
            String why = "No backup proxy " + (disk.job().storage().automaticProxy() ? "" : "chosen for this job ")
                    + "can read the datastore " + disk.vm().datastore() + ": none is ready, or none has a transport "
                    + "mode to it. Check the proxies' state and transport modes, or choose other proxies in the job.";
            if (session.taskEnded(disk.vmReference(), disk.disk().name(), null, why)) {
                stored.remove(session.id() + disk.vmReference());
            }
        }
        return readable;
    }

    /**
     * A job's own folder is set up on the repository's host before the run's first task (only opened
     * when it is there already, which proves the password); if it cannot be, no task runs.
     */
    private List<PlannedDisk> inPreparedFolder(List<PlannedDisk> disks, BackupFolder folder, LiveSession session) {
        if (disks.isEmpty() || !folder.jobs()) {
            return disks;
        }
        try {
            if (folders.prepare(folder, disks.getFirst().job())) {
                disks.stream().map(PlannedDisk::vmReference).distinct().forEach(vm -> session.log(vm, "Set up the "
                        + "job's own encrypted folder " + folder.path() + " in the repository '"
                        + folder.repository().name() + "'."));
            }
            return disks;
        } catch (RuntimeException e) {
            LOG.warn("Could not set up {}: {}", folder, e.getMessage());
            String why = "The job's own encrypted folder " + folder.path() + " in the repository '"
                    + folder.repository().name() + "' could not be opened or set up: " + e.getMessage()
                    + ". Check the repository's server and the job's encryption password, then retry the job.";
            for (PlannedDisk disk : disks) {
                if (session.taskEnded(disk.vmReference(), disk.disk().name(), null, why)) {
                    stored.remove(session.id() + disk.vmReference());
                }
            }
            return List.of();
        }
    }

    private List<ProxyCapacity> capacities(Set<DatastoreKey> datastores) {
        List<ProxyCapacity> ready = new ArrayList<>();
        Instant recently = clock.instant().minus(LOST_FOR);
        lostProxies.values().removeIf(at -> at.isBefore(recently));
        for (ProxyView proxy : proxies.list()) {
            if (proxy.status().state() == AgentState.READY && !lostProxies.containsKey(proxy.id())) {
                ready.add(TransportPlanner.capacity(proxy, servers.get(proxy.serverId()), datastores));
            }
        }
        return ready;
    }

    private void refreshCapacity(List<PlannedDisk> disks) {
        Set<DatastoreKey> datastores = new HashSet<>();
        planned.values().forEach(d -> datastores.add(DatastoreKey.parse(d.task().datastore())));
        disks.forEach(d -> datastores.add(DatastoreKey.parse(d.task().datastore())));
        for (ProxyCapacity proxy : capacities(datastores)) {
            if (scheduler.runningOn(proxy.id()) == 0) {
                scheduler.addProxy(proxy);
            }
        }
        for (PlannedDisk disk : disks) {
            scheduler.setRepository(disk.repository().id(), disk.repository().maxConcurrentTasks());
        }
    }

    private void pump() {
        List<Assignment> placed;
        lock.lock();
        try {
            placed = scheduler.dispatch();
        } finally {
            lock.unlock();
        }
        for (Assignment assignment : placed) {
            Thread.ofVirtual().name("task " + assignment.task().id()).start(() -> carryOut(assignment));
        }
    }

    private void carryOut(Assignment assignment) {
        String taskId = assignment.task().id();
        String placement = taskId + "@" + assignment.proxyId();
        PlannedDisk disk = planned.get(taskId);
        LiveSession session = disk.session();
        String vm = disk.vmReference();
        TaskStatus status = null;
        String bitmap = null;
        String failure;
        try {
            ProxyView proxy = proxies.get(assignment.proxyId());
            session.taskStarted(vm, disk.disk().name(), proxy.name(), assignment.mode());
            TaskAgent agent = agents.on(servers.get(proxy.serverId()));
            DiskBackups.Outcome outcome = diskBackups.run(disk, assignment.mode(), proxy, agent,
                    () -> moved.contains(placement));
            status = outcome.status();
            bitmap = outcome.bitmap();
            failure = status.state() == TaskState.SUCCEEDED ? null
                    : status.error() != null ? status.error()
                    : "The task was " + status.state().name().toLowerCase(Locale.ROOT) + ".";
            LOG.info("Task {} ended {}: read {} bytes, transferred {}", status.taskId(), status.state(),
                    status.bytesRead(), status.bytesTransferred());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "The engine stopped during the task.";
        } catch (HostAccessException e) {
            if (e.problem() == HostProblem.UNREACHABLE && !session.stopping()) {
                proxyLost(assignment, e.getMessage());
            }
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.warn("Task {} failed: {}", taskId, e.getMessage());
            failure = e.getMessage();
        }
        if (moved.remove(placement)) {
            // The task was taken back from this proxy: another placement (or the loss itself) ends it.
            diskBackups.forget(taskId);
            pump();
            return;
        }
        try {
            if (failure == null) {
                stored.computeIfAbsent(session.id() + vm, k -> new CopyOnWriteArrayList<>())
                        .add(new RestorePointDisk(disk.disk().name(), disk.disk().path(), disk.disk().format(),
                                disk.disk().capacityBytes(), status.pointId(), disk.storedName(), bitmap));
            }
        } finally {
            diskBackups.forget(taskId);
            lock.lock();
            try {
                scheduler.finished(taskId);
            } finally {
                lock.unlock();
            }
            ended(disk, status, failure);
            pump();
        }
    }

    /** A task is over, one way or another: into the session, and the session ends with its last task. */
    private void ended(PlannedDisk disk, TaskStatus status, String failure) {
        LiveSession session = disk.session();
        try {
            if (session.taskEnded(disk.vmReference(), disk.disk().name(), status, failure)) {
                vmEnded(disk);
            }
            save(session);
        } finally {
            lock.lock();
            try {
                planned.remove(disk.task().id());
                if (!session.finished() && planned.values().stream().noneMatch(d -> d.session() == session)) {
                    end(session);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A proxy stopped answering mid-task: it takes no more tasks for a while, and its tasks wait for
     * another proxy, first in line. A task no other proxy can read fails with both reasons.
     */
    private void proxyLost(Assignment assignment, String why) {
        UUID proxyId = assignment.proxyId();
        String name = proxies.list().stream().filter(p -> p.id().equals(proxyId)).map(ProxyView::name).findFirst()
                .orElse("The proxy");
        LOG.warn("Backup proxy '{}' stopped answering: {}", name, why);
        List<PlannedDisk> stranded = new ArrayList<>();
        lock.lock();
        try {
            lostProxies.put(proxyId, clock.instant());
            for (DiskTask task : scheduler.removeProxy(proxyId)) {
                moved.add(task.id() + "@" + proxyId);
                PlannedDisk disk = planned.get(task.id());
                disk.session().log(disk.vmReference(), "Disk " + disk.disk().name() + ": the proxy " + name
                        + " stopped answering (" + why + "); the task waits for another proxy.");
            }
            // Whatever waits, taken back or not yet placed, must still have a proxy that can read it.
            Set<DatastoreKey> datastores = new HashSet<>();
            planned.values().forEach(d -> datastores.add(DatastoreKey.parse(d.task().datastore())));
            List<ProxyCapacity> left = capacities(datastores);
            for (PlannedDisk disk : List.copyOf(planned.values())) {
                boolean readable = left.stream().anyMatch(proxy -> disk.task().mayUse(proxy.id())
                        && proxy.modeTo(disk.task().datastore()) != null);
                if (!readable && scheduler.withdrawTask(disk.task().id())) {
                    stranded.add(disk);
                }
            }
        } finally {
            lock.unlock();
        }
        for (PlannedDisk disk : stranded) {
            ended(disk, null, "The proxy " + name + " stopped answering mid-task (" + why + "), and no other ready "
                    + "proxy can read the datastore " + disk.vm().datastore() + ". Check the proxy's host and "
                    + "agent, then retry the job.");
        }
    }

    private void vmEnded(PlannedDisk disk) {
        LiveSession session = disk.session();
        String vm = disk.vmReference();
        List<RestorePointDisk> disks = stored.remove(session.id() + vm);
        if (session.vmSucceeded(vm) && disks != null) {
            JobView job = disk.job();
            BackupFolder folder = disk.folder();
            folders.record(new RestorePointView(UUID.randomUUID(), job.id(), job.name(), vm, disk.vm().vm().name(),
                    folder.repository().id(), folder.repository().name(), folder.recorded(), session.id(),
                    clock.instant(), List.copyOf(disks), BackupHealth.UNVERIFIED, null), folder);
        }
    }

    private void end(LiveSession session) {
        session.finish();
        SessionView ended = session.view();
        sessions.update(ended);
        save(session);
        live.remove(session.id());
        runningJobs.remove(ended.jobId());
        events.publish(SESSIONS, ChangeAction.UPDATED, session.id(), ChangeEvents.ENGINE);
        LOG.info("Session {} of job '{}' ended {}{}", ended.id(), ended.jobName(), ended.state(),
                ended.message() == null ? "" : ": " + ended.message());
        for (Consumer<SessionView> listener : endListeners) {
            Thread.ofVirtual().name("session ended " + ended.id()).start(() -> {
                try {
                    listener.accept(ended);
                } catch (RuntimeException e) {
                    LOG.warn("A listener of session {} failed: {}", ended.id(), e.getMessage(), e);
                }
            });
        }
    }

    private void save(LiveSession session) {
        SessionDetails now = session.details();
        sessions.update(now.session());
        details.save(now);
    }
}
