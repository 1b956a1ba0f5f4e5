package io.bulwark.engine.runs;

import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.inventory.FoundVm;
import io.bulwark.engine.inventory.InventoryService;
import io.bulwark.engine.jobs.JobService;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.scheduler.Assignment;
import io.bulwark.engine.scheduler.DiskTask;
import io.bulwark.engine.scheduler.ProxyCapacity;
import io.bulwark.engine.scheduler.TaskScheduler;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskSourceSpec;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.inventory.DiskFormat;
import io.bulwark.protocol.inventory.InventoryDisk;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.sessions.SessionStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.sessions.SessionDetails;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs backup jobs. A run is a session; each VM disk is a task that the one {@link TaskScheduler}
 * of the engine places on a proxy slot; a virtual thread per placed task has the proxy's agent
 * carry it out and follows it until it ends, then frees the slot. A VM whose disks all succeeded
 * gets a restore point; its disks' bitmaps are what the next run reads through.
 *
 * <p>Not built yet (issue 5): network mode (qemu-nbd over SSH), stop and retry, failover to
 * network, a lost proxy's tasks placed again, schedules, retention.
 */
public class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String SESSIONS = ApiPaths.collection(ApiPaths.SESSIONS);

    private final JobService jobs;
    private final InventoryService inventory;
    private final ProxyService proxies;
    private final RepositoryService repositories;
    private final ServerService servers;
    private final TaskAgents agents;
    private final SessionStore sessions;
    private final SessionDetailsStore details;
    private final RestorePointStore points;
    private final ChangeEvents events;
    private final Clock clock;
    private final Map<UUID, LiveSession> live = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final TaskScheduler scheduler = new TaskScheduler();
    private final Map<String, PlannedDisk> planned = new ConcurrentHashMap<>();
    private final Set<UUID> runningJobs = ConcurrentHashMap.newKeySet();

    /** A disk task with what the scheduler need not know: the VM, the disk, the repository. */
    record PlannedDisk(DiskTask task, JobView job, LiveSession session, FoundVm vm, InventoryDisk disk,
                       RepositoryView repository, String readBitmap, String addBitmap) {
    }

    /** What a VM's finished disks left, for its restore point. */
    private final Map<String, List<RestorePointDisk>> stored = new ConcurrentHashMap<>();

    public JobRunner(JobService jobs, InventoryService inventory, ProxyService proxies,
                     RepositoryService repositories, ServerService servers, TaskAgents agents,
                     SessionStore sessions, SessionDetailsStore details, RestorePointStore points,
                     ChangeEvents events, Clock clock) {
        this.jobs = jobs;
        this.inventory = inventory;
        this.proxies = proxies;
        this.repositories = repositories;
        this.servers = servers;
        this.agents = agents;
        this.sessions = sessions;
        this.details = details;
        this.points = points;
        this.events = events;
        this.clock = clock;
    }

    /** A session's details: live while it runs, from the database after. */
    public Optional<SessionDetails> details(UUID sessionId) {
        LiveSession session = live.get(sessionId);
        return session != null ? Optional.of(session.details()) : details.find(sessionId);
    }

    public List<RestorePointView> restorePoints(UUID jobId) {
        return points.list(jobId);
    }

    /** Starts a run of the job and answers its session. */
    public SessionView start(UUID jobId) {
        JobView job = jobs.get(jobId);
        if (!runningJobs.add(jobId)) {
            throw new ConflictException("The job '" + job.name() + "' is running already.", Map.of());
        }
        try {
            return run(job);
        } catch (RuntimeException e) {
            runningJobs.remove(jobId); // it never started: the next Start must not be refused
            throw e;
        }
    }

    private SessionView run(JobView job) {
        RepositoryView repository = repositories.get(job.repositoryId());
        LiveSession session = new LiveSession(UUID.randomUUID(), job, clock);
        String run = session.id().toString().substring(0, 8);
        List<PlannedDisk> disks = new ArrayList<>();
        for (JobObject object : job.objects()) {
            FoundVm vm = inventory.findVm(object.reference()).orElse(null);
            if (vm == null) {
                session.vmSkipped(object.reference(), object.reference(), SessionState.FAILED, "The VM is not in the "
                        + "inventory: it was deleted or moved since the job was made. Rescan its host, or edit the job.");
                continue;
            }
            if (vm.vm().power() == VmPower.RUNNING) {
                session.vmSkipped(vm.vm().reference(), vm.vm().name(), SessionState.WARNING, "The VM is running "
                        + "and was skipped: Bulwark does not read the disks of a running VM as if they were "
                        + "consistent. Shut it down, or back it up when it is off.");
                continue;
            }
            Map<String, String> bitmaps = new HashMap<>();
            points.newest(vm.vm().reference(), repository.id()).ifPresent(point ->
                    point.disks().forEach(d -> { if (d.bitmap() != null) bitmaps.put(d.name(), d.bitmap()); }));
            for (InventoryDisk disk : vm.vm().disks()) {
                if (object.excludedDisks().contains(disk.name())) {
                    continue;
                }
                String datastore = new DatastoreKey(vm.serverId(), vm.datastore()).toString();
                DiskTask task = new DiskTask(run + "/" + vm.vm().reference() + "/" + disk.name(), job.id(),
                        vm.vm().reference(), disk.name(), datastore, repository.id(), disk.capacityBytes(),
                        Set.copyOf(job.storage().proxyIds()));
                session.vmPlanned(vm.vm().reference(), vm.vm().name(), disk.name(), disk.capacityBytes());
                // Raw images have no bitmaps: every run reads them whole and compares fingerprints.
                String addBitmap = disk.format() == DiskFormat.QCOW2 ? DiskSourceSpec.BITMAP_PREFIX + run : null;
                disks.add(new PlannedDisk(task, job, session, vm, disk, repository, bitmaps.get(disk.name()),
                        addBitmap));
            }
        }
        live.put(session.id(), session);
        sessions.insert(session.view());
        disks = withoutUnreadable(disks, session);
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
            if (session.taskEnded(disk.vm().vm().reference(), disk.disk().name(), null, why)) {
                stored.remove(session.id() + disk.vm().vm().reference());
            }
        }
        return readable;
    }

    private List<ProxyCapacity> capacities(Set<DatastoreKey> datastores) {
        List<ProxyCapacity> ready = new ArrayList<>();
        for (ProxyView proxy : proxies.list()) {
            if (proxy.status().state() == AgentState.READY) {
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
        PlannedDisk disk = planned.get(assignment.task().id());
        LiveSession session = disk.session();
        String vm = disk.vm().vm().reference();
        TaskStatus status = null;
        String failure;
        try {
            ProxyView proxy = proxies.get(assignment.proxyId());
            session.taskStarted(vm, disk.disk().name(), proxy.name(), assignment.mode());
            TaskAgent agent = agents.on(servers.get(proxy.serverId()));
            status = agent.backup(order(disk, assignment.mode(), proxy));
            while (!status.state().finished()) {
                session.taskProgress(vm, disk.disk().name(), status);
                events.publish(SESSIONS, ChangeAction.UPDATED, session.id(), ChangeEvents.ENGINE);
                Thread.sleep(POLL);
                status = agent.status(status.taskId());
            }
            failure = status.state() == TaskState.SUCCEEDED ? null
                    : status.error() != null ? status.error()
                    : "The task was " + status.state().name().toLowerCase(Locale.ROOT) + ".";
            LOG.info("Task {} ended {}: read {} bytes, transferred {}", status.taskId(), status.state(),
                    status.bytesRead(), status.bytesTransferred());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "The engine stopped during the task.";
        } catch (RuntimeException e) {
            LOG.warn("Task {} failed: {}", assignment.task().id(), e.getMessage());
            failure = e.getMessage();
        }
        try {
            if (failure == null) {
                stored.computeIfAbsent(session.id() + vm, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(new RestorePointDisk(disk.disk().name(), disk.disk().path(), disk.disk().format(),
                                disk.disk().capacityBytes(), status.pointId(), storedName(disk), disk.addBitmap()));
            }
            if (session.taskEnded(vm, disk.disk().name(), status, failure)) {
                vmEnded(disk);
            }
            save(session);
        } finally {
            lock.lock();
            try {
                scheduler.finished(assignment.task().id());
                planned.remove(assignment.task().id());
                if (planned.values().stream().noneMatch(d -> d.session() == session)) {
                    end(session);
                }
            } finally {
                lock.unlock();
            }
            pump();
        }
    }

    private void vmEnded(PlannedDisk disk) {
        LiveSession session = disk.session();
        String vm = disk.vm().vm().reference();
        List<RestorePointDisk> disks = stored.remove(session.id() + vm);
        if (session.vmSucceeded(vm) && disks != null) {
            JobView job = disk.job();
            points.insert(new RestorePointView(UUID.randomUUID(), job.id(), job.name(), vm, disk.vm().vm().name(),
                    disk.repository().id(), disk.repository().name(), session.id(), clock.instant(), List.copyOf(disks),
                    BackupHealth.UNVERIFIED, null));
        }
    }

    private void end(LiveSession session) {
        session.finish();
        sessions.update(session.view());
        save(session);
        live.remove(session.id());
        runningJobs.remove(session.view().jobId());
        events.publish(SESSIONS, ChangeAction.UPDATED, session.id(), ChangeEvents.ENGINE);
    }

    private void save(LiveSession session) {
        SessionDetails now = session.details();
        sessions.update(now.session());
        details.save(now);
    }

    private static String storedName(PlannedDisk disk) {
        return disk.vm().vm().reference() + "/" + disk.disk().name();
    }

    private DiskBackupOrder order(PlannedDisk disk, TransportMode mode, ProxyView proxy) {
        if (mode == TransportMode.NETWORK) {
            throw new IllegalStateException("Network mode is not available in this version yet: give the proxy "
                    + "direct storage access to " + disk.vm().datastore() + ", or add a proxy on the VM's host.");
        }
        DiskSourceSpec source = DiskSourceSpec.file(disk.disk().path(), disk.disk().format(), disk.readBitmap(),
                disk.addBitmap());
        RepositoryView repository = disk.repository();
        String password = repositories.setupPassword(repository.id());
        RepositoryTarget target;
        if (repository.serverId().equals(proxy.serverId())) {
            target = new RepositoryTarget(repository.path(), null, 0, password);
        } else {
            ServerView repositoryServer = servers.get(repository.serverId());
            target = new RepositoryTarget(repository.path(), repositoryServer.address(),
                    repositoryServer.ports().dataPortFirst(), password);
        }
        return new DiskBackupOrder(disk.task().id(), source, target, storedName(disk),
                disk.job().storage().blockSize(), disk.job().storage().compression().name().toLowerCase(Locale.ROOT));
    }
}
