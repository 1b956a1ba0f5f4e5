package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.inventory.InventoryScanner;
import io.bulwark.engine.inventory.InventoryService;
import io.bulwark.engine.inventory.InventoryStore;
import io.bulwark.engine.inventory.VirtualizationHostService;
import io.bulwark.engine.inventory.VirtualizationHostStore;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.engine.jobs.JobSecrets;
import io.bulwark.engine.jobs.JobService;
import io.bulwark.engine.jobs.JobStore;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.proxies.ProxyStore;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.repositories.RepositoryStore;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.engine.sessions.SessionStore;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import io.bulwark.engine.testing.MigratedDatabase;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.sessions.SessionDetails;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import io.bulwark.protocol.sessions.SessionVmView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job engine on a migrated database and a real inventory (the backup server's own datastore),
 * with a scripted agent that holds every task until the test lets it end: Stop, Retry, Active full
 * and an engine restart, each at a moment the test chooses.
 */
class JobRunnerTest {
    @TempDir
    Path temp;
    MigratedDatabase database;
    ScriptedAgent agent = new ScriptedAgent();
    JobService jobs;
    SessionStore sessions;
    RestorePointStore points;
    JobRunner runner;
    JobView job;
    List<String> vms = new ArrayList<>();
    // Everything the runner is built from, kept to build a second runner on the same database (a restart).
    InventoryService inventory;
    ProxyService proxies;
    RepositoryService repositories;
    BackupFolders folders;
    ServerService servers;
    ChangeEvents events;

    @BeforeEach
    void setUp() throws Exception {
        database = new MigratedDatabase(temp.resolve("db"));
        Clock clock = Clock.systemUTC();
        Lookups lookups = new Lookups(database.jdbc());
        ServerStore serverStore = new ServerStore(database.jdbc());
        servers = new ServerService(serverStore, lookups, clock);
        ServerView thisServer = servers.createBuiltIn("localhost", null);
        proxies = new ProxyService(new ProxyStore(database.jdbc()), serverStore, lookups, clock);
        proxies.createBuiltIn(thisServer);
        events = new ChangeEvents(clock);
        SecretCipher cipher = new SecretCipher(MasterKey.open(DataDirectory.open(temp.resolve("data")), null));
        repositories = new RepositoryService(new RepositoryStore(database.jdbc()), serverStore, cipher, lookups, events,
                clock, (repository, before, after, hint) -> { });
        UUID repository = repositories.createDefault(thisServer, temp.resolve("repository").toString()).id();
        VirtualizationHostStore hostStore = new VirtualizationHostStore(database.jdbc());
        VirtualizationHostService hosts = new VirtualizationHostService(hostStore, serverStore, clock);
        inventory = new InventoryService(hostStore, new InventoryStore(database.jdbc()),
                new InventoryScanner(servers, null, Duration.ofMinutes(1)), database.transactions(), events, clock);
        Path datastore = temp.resolve("datastore");
        UUID host = hosts.create(new VirtualizationHostRequest(thisServer.id(), List.of(datastore.toString()), null),
                Caller.SYSTEM).id();
        List<JobObject> objects = new ArrayList<>();
        for (String name : List.of("web", "db", "mail")) {
            QemuImages.create(datastore.resolve(name).resolve(name + ".qcow2"), "qcow2", "4M");
            String reference = new VmReference(host, datastore.resolve(name).toString()).toString();
            vms.add(reference);
            objects.add(new JobObject(reference, List.of()));
        }
        inventory.rescan(host);
        points = new RestorePointStore(database.jdbc());
        JobStore jobStore = new JobStore(database.jdbc());
        JobSecrets secrets = new JobSecrets(jobStore, cipher);
        // The backup server's repositories are maintained in-process: real folders, real keys.
        folders = new BackupFolders(repositories, secrets, points, new RepositoryMaintenance(null,
                new RepositoryOperations(clock, Duration.ofHours(1), 2, notice -> { }), servers), cipher);
        jobs = new JobService(jobStore, secrets, folders, lookups, clock);
        job = jobs.create(new JobRequest("Nightly", null, JobType.VM_BACKUP, repository, objects, null, null, null, null,
                true), Caller.SYSTEM);
        sessions = new SessionStore(database.jdbc());
        runner = newRunner();
    }

    private JobRunner newRunner() {
        return new JobRunner(jobs, inventory, proxies, repositories, servers, server -> agent, sessions,
                new SessionDetailsStore(database.jdbc()), points, folders, null, events, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void stopCancelsTheRunningTasksWithdrawsTheWaitingOnesAndKeepsOnlyFinishedVms() throws Exception {
        SessionView session = runner.start(job.id(), RunKind.MANUAL);
        // The built-in proxy has 2 task slots: two disks start, the third waits.
        await("two tasks on the agent", () -> agent.orders.size() == 2);
        DiskBackupOrder finished = agent.orders.getFirst();
        agent.succeed(finished.taskId());
        await("the waiting disk placed in the freed slot", () -> agent.orders.size() == 3);

        SessionView stopping = runner.stop(job.id(), "an operator stopped the job.");

        assertThat(stopping.state()).isEqualTo(SessionState.RUNNING);
        await("both running tasks cancelled on the agent", () -> agent.cancelled.size() == 2);
        await("the session ended", () -> !runner.isRunning(job.id()));
        SessionDetails details = runner.details(session.id()).orElseThrow();
        assertThat(details.session().state()).isEqualTo(SessionState.STOPPED);
        assertThat(details.session().message()).contains("an operator stopped the job").contains("1 of 3");
        assertThat(details.vms()).extracting(SessionVmView::state)
                .containsExactlyInAnyOrder(SessionState.SUCCESS, SessionState.STOPPED, SessionState.STOPPED);
        assertThat(points.list(job.id())).as("a restore point for the finished VM only")
                .extracting(p -> p.vmReference()).containsExactly(vmOf(finished));
        assertThatThrownBy(() -> runner.stop(job.id(), "again")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not running");
    }

    @Test
    void stopBeforeAnyTaskReachedItsAgentEndsTheSessionAtOnce() throws Exception {
        agent.holdOrders = true;
        SessionView session = runner.start(job.id(), RunKind.MANUAL);
        runner.stop(job.id(), "the backup window closed.");
        agent.release();
        await("the session ended", () -> !runner.isRunning(job.id()));
        assertThat(runner.details(session.id()).orElseThrow().session().state()).isEqualTo(SessionState.STOPPED);
        assertThat(points.list(job.id())).isEmpty();
    }

    @Test
    void retryRunsOnlyTheVmsThatFailedAndRefusesWhenNoneDid() throws Exception {
        runner.start(job.id(), RunKind.MANUAL);
        await("two tasks on the agent", () -> agent.orders.size() == 2);
        agent.fail(agent.orders.get(0).taskId(), "The repository is full.");
        agent.succeed(agent.orders.get(1).taskId());
        await("the third task", () -> agent.orders.size() == 3);
        agent.succeed(agent.orders.get(2).taskId());
        await("the run ended", () -> !runner.isRunning(job.id()));
        String failedVm = vmOf(agent.orders.get(0));

        SessionView retry = runner.start(job.id(), RunKind.RETRY);
        await("the retried task", () -> agent.orders.size() == 4);

        assertThat(agent.orders.get(3).diskName()).startsWith(failedVm + "/");
        agent.succeed(agent.orders.get(3).taskId());
        await("the retry ended", () -> !runner.isRunning(job.id()));
        SessionDetails details = runner.details(retry.id()).orElseThrow();
        assertThat(details.vms()).extracting(SessionVmView::reference).containsExactly(failedVm);
        assertThat(details.session().state()).isEqualTo(SessionState.SUCCESS);
        assertThatThrownBy(() -> runner.start(job.id(), RunKind.RETRY)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no failed VM");
    }

    @Test
    void activeFullReadsEveryDiskWholeWhereAnIncrementalReadsThroughTheBitmap() throws Exception {
        runToEnd(RunKind.MANUAL);
        int first = agent.orders.size();
        runToEnd(RunKind.MANUAL);
        assertThat(agent.orders.subList(first, 2 * first)).allSatisfy(order ->
                assertThat(order.source().readBitmap()).as("an incremental reads through the last bitmap").isNotNull());
        runToEnd(RunKind.ACTIVE_FULL);
        assertThat(agent.orders.subList(2 * first, 3 * first)).allSatisfy(order -> {
            assertThat(order.source().readBitmap()).as("an active full reads it whole").isNull();
            assertThat(order.source().addBitmap()).as("and starts a new bitmap").isNotNull();
        });
    }

    @Test
    void aSessionTheEngineWasRunningWhenItStoppedEndsFailedWithTheReasonAtTheNextStart() throws Exception {
        SessionView session = runner.start(job.id(), RunKind.MANUAL);
        await("two tasks on the agent", () -> agent.orders.size() == 2);

        // The engine dies here: nothing ends the session. A new engine starts on the same database.
        List<SessionView> failed = newRunner().failInterrupted();

        assertThat(failed).extracting(SessionView::id).containsExactly(session.id());
        SessionView now = sessions.find(session.id()).orElseThrow();
        assertThat(now.state()).isEqualTo(SessionState.FAILED);
        assertThat(now.endedAt()).isNotNull();
        assertThat(now.message()).contains("engine stopped while this session ran").contains("run the job again");
        SessionDetails shown = newRunner().details(session.id()).orElseThrow();
        assertThat(shown.vms()).filteredOn(vm -> vm.state() == SessionState.RUNNING).as("nothing shows as running")
                .isEmpty();
        assertThat(shown.errors()).isEqualTo(3);
        assertThat(newRunner().failInterrupted()).as("only once").isEmpty();
    }

    @Test
    void aTaskOnAProxyThatStopsAnsweringFailsWithBothReasonsWhenNoOtherProxyCanReadItsDisk() throws Exception {
        SessionView session = runner.start(job.id(), RunKind.MANUAL);
        await("two tasks on the agent", () -> agent.orders.size() == 2);

        agent.unreachable = true;

        await("the session ended", () -> !runner.isRunning(job.id()));
        SessionDetails details = runner.details(session.id()).orElseThrow();
        assertThat(details.session().state()).isEqualTo(SessionState.FAILED);
        assertThat(details.vms()).allSatisfy(vm -> {
            assertThat(vm.state()).isEqualTo(SessionState.FAILED);
            assertThat(vm.message()).contains("stopped answering mid-task").contains("does not answer")
                    .contains("no other ready proxy");
        });
        assertThat(agent.orders).as("the waiting disk was not placed on the lost proxy").hasSize(2);
        assertThat(points.list(job.id())).isEmpty();
    }

    @Test
    void theTasksOfAProxyThatStopsAnsweringMoveToAnotherThatCanReadTheirDisks() throws Exception {
        ScriptedAgent second = new ScriptedAgent();
        UUID otherServer = UUID.randomUUID();
        Instant now = Instant.now();
        new ServerStore(database.jdbc()).insert(new ServerView(otherServer, "proxy-two", "10.0.0.2", null, 22, null,
                null, ServerPorts.DEFAULTS, false, null, new AgentStatus(AgentState.READY, null, "test", null, now),
                false, now, now));
        // It sees the datastore's path (a shared mount): direct storage access, behind the built-in proxy's appliance.
        proxies.create(new ProxyRequest("Second", null, otherServer, TransportMode.DIRECT_STORAGE, false, false,
                new DatastoreSelection(false, List.of(temp.resolve("datastore").toString())), 2), Caller.SYSTEM);
        runner = new JobRunner(jobs, inventory, proxies, repositories, servers,
                server -> server.id().equals(otherServer) ? second : agent, sessions,
                new SessionDetailsStore(database.jdbc()), points, folders, null, events, Clock.systemUTC());
        SessionView session = runner.start(job.id(), RunKind.MANUAL);
        await("every disk placed, some on each proxy", () -> agent.orders.size() + second.orders.size() == 3);
        int onLostProxy = agent.orders.size();
        assertThat(onLostProxy).isBetween(1, 2);

        agent.unreachable = true;

        // The second proxy's slots take the moved disks as they free up; it finishes whatever it is given.
        await("every disk on the second proxy", () -> {
            second.orders.forEach(order -> second.succeed(order.taskId()));
            return second.orders.size() == 3;
        });
        second.orders.forEach(order -> second.succeed(order.taskId()));
        await("the session ended", () -> !runner.isRunning(job.id()));

        SessionDetails details = runner.details(session.id()).orElseThrow();
        assertThat(details.session().state()).as(details.toString()).isEqualTo(SessionState.SUCCESS);
        assertThat(details.vms()).allSatisfy(vm -> assertThat(vm.tasks().getFirst().proxyName()).isEqualTo("Second"));
        assertThat(details.vms().stream().flatMap(vm -> vm.log().stream()))
                .filteredOn(line -> line.contains("stopped answering")).hasSize(onLostProxy)
                .allSatisfy(line -> assertThat(line).contains("waits for another proxy"));
        assertThat(points.list(job.id())).hasSize(3);
    }

    @Test
    void aJobWithItsOwnPasswordWritesToItsOwnFolderAndReadsThroughOnlyThatFoldersBitmaps() throws Exception {
        runToEnd(RunKind.MANUAL);
        int first = agent.orders.size();
        sealJob(new EncryptionRequest(true, "the job's own password", "the usual"));
        Path folder = Path.of(repositories.get(job.repositoryId()).path()).resolve("jobs").resolve(job.id().toString());

        runToEnd(RunKind.MANUAL);

        assertThat(agent.orders.subList(first, 2 * first)).allSatisfy(order -> {
            assertThat(order.repository().path()).isEqualTo(folder.toString());
            assertThat(order.repository().password()).isEqualTo("the job's own password");
            assertThat(order.source().readBitmap()).as("the job's folder holds nothing to compare with yet: read whole")
                    .isNull();
        });
        assertThat(new RepositoryOperations(Clock.systemUTC(), Duration.ofSeconds(5), 1, notice -> { })
                .points(folder, "the job's own password")).as("set up in-process, sealed with the job's password")
                .isEmpty();
        runToEnd(RunKind.MANUAL);
        assertThat(agent.orders.subList(2 * first, 3 * first)).allSatisfy(order -> assertThat(order.source()
                .readBitmap()).as("then through the bitmap of the folder's newest point").isNotNull());
        RestorePointView newest = points.list(job.id()).getFirst();
        assertThat(newest.folder()).isEqualTo(folder.toString());
        assertThat(folders.of(newest).password()).as("the point carries the password that opens it")
                .isEqualTo("the job's own password");
    }

    @Test
    void aJobFolderThatTheJobsPasswordDoesNotOpenFailsTheRunBeforeAnyTaskIsPlaced() throws Exception {
        Path folder = Path.of(repositories.get(job.repositoryId()).path()).resolve("jobs").resolve(job.id().toString());
        new RepositoryOperations(Clock.systemUTC(), Duration.ofSeconds(5), 1, notice -> { })
                .init(folder, "someone else's password", null);
        sealJob(new EncryptionRequest(true, "the job's own password", null));

        SessionView session = runner.start(job.id(), RunKind.MANUAL);

        await("the run ended", () -> !runner.isRunning(job.id()));
        SessionDetails details = runner.details(session.id()).orElseThrow();
        assertThat(details.session().state()).isEqualTo(SessionState.FAILED);
        assertThat(details.vms()).hasSize(3).allSatisfy(vm -> assertThat(vm.message())
                .contains("could not be opened or set up").contains("encryption password"));
        assertThat(agent.orders).as("no task reached a proxy").isEmpty();
    }

    private void sealJob(EncryptionRequest encryption) {
        job = jobs.update(job.id(), new JobRequest(job.name(), null, JobType.VM_BACKUP, job.repositoryId(),
                job.objects(), null, null, null, encryption, true), Caller.SYSTEM);
    }

    private void runToEnd(RunKind kind) throws Exception {
        int before = agent.orders.size();
        runner.start(job.id(), kind);
        for (int i = 0; i < vms.size(); i++) {
            int placed = before + i;
            await("task " + placed, () -> agent.orders.size() > placed);
            agent.succeed(agent.orders.get(placed).taskId());
        }
        await("the run ended", () -> !runner.isRunning(job.id()));
    }

    /** The VM of an order: its disk's name in the repository is the VM's reference, a slash, the disk. */
    private static String vmOf(DiskBackupOrder order) {
        return order.diskName().substring(0, order.diskName().lastIndexOf('/'));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for " + what).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    /** An agent whose tasks run until the test ends them, or Stop cancels them. */
    static final class ScriptedAgent implements TaskAgent {
        final List<DiskBackupOrder> orders = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        final Map<String, TaskStatus> statuses = new ConcurrentHashMap<>();
        volatile boolean holdOrders;
        /** The agent's host is gone: every call fails as the control channel does then. */
        volatile boolean unreachable;

        @Override
        public synchronized TaskStatus backup(DiskBackupOrder order) {
            while (holdOrders) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            orders.add(order);
            return put(order.taskId(), TaskState.RUNNING, null);
        }

        synchronized void release() {
            holdOrders = false;
            notifyAll();
        }

        void succeed(String taskId) {
            put(taskId, TaskState.SUCCEEDED, null);
        }

        void fail(String taskId, String why) {
            put(taskId, TaskState.FAILED, why);
        }

        private TaskStatus put(String taskId, TaskState state, String error) {
            TaskStatus status = new TaskStatus(taskId, state, 4 << 20, state == TaskState.SUCCEEDED ? 4 << 20 : 0, 0, 0,
                    StageLoad.NONE, state == TaskState.SUCCEEDED ? "point-" + taskId : null, error, List.of());
            statuses.put(taskId, status);
            return status;
        }

        @Override
        public TaskStatus restore(DiskRestoreOrder order) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskStatus status(String taskId) {
            if (unreachable) {
                throw new HostAccessException(HostProblem.UNREACHABLE, "The agent on 10.0.0.9:6162 does not answer "
                        + "(Connection refused): it is not running, or a firewall blocks the control port.", Map.of(),
                        null);
            }
            return statuses.get(taskId);
        }

        @Override
        public TaskStatus cancel(String taskId) {
            cancelled.add(taskId);
            TaskStatus now = statuses.get(taskId);
            return now == null || now.state() != TaskState.RUNNING ? now : put(taskId, TaskState.CANCELLED, null);
        }
    }
}
