package io.bulwark.agent.tasks;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.remote.TlsMaterial;
import io.bulwark.agent.source.DiskSource;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk tasks an agent runs for the engine ({@code backup-disk}, {@code restore-disk}), each on
 * a virtual thread of its own, and their statuses: the running ones, and finished ones for an hour.
 * Starting a task id that is known answers its status and starts nothing. The agent's control
 * channel serves it ({@link TaskControlHandlers}); the engine calls it in-process for its built-in
 * proxy.
 */
public final class AgentTasks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentTasks.class);
    /** How long a finished task's status is kept for the engine to collect. */
    public static final Duration KEEP_FINISHED = Duration.ofHours(1);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private record Entry(TaskRecord record, Thread thread) {
    }

    private final RepositoryOperations operations;
    private final TlsMaterial tls;
    private final Clock clock;
    private final QemuTools qemu;
    private final BackupSources sources;
    private final Map<String, Entry> tasks = new ConcurrentHashMap<>();

    /**
     * @param operations the repository operations, with the agent's traffic rules
     * @param tls        this agent's certificate, key and CA: to reach repository agents, and the CA that
     *                   an {@code nbds} export's certificate must chain to; null when it has none (the
     *                   tasks then use local repositories and plain NBD only)
     */
    public AgentTasks(RepositoryOperations operations, TlsMaterial tls, Clock clock) {
        this(operations, tls, clock, QemuTools.onPath(), UnaryOperator.identity());
    }

    /** @param sourceFilter wraps each disk a backup reads; tests slow it down to cancel mid-read */
    AgentTasks(RepositoryOperations operations, TlsMaterial tls, Clock clock, QemuTools qemu,
               UnaryOperator<DiskSource> sourceFilter) {
        this.operations = operations;
        this.tls = tls;
        this.clock = clock;
        this.qemu = qemu;
        this.sources = new BackupSources(qemu, tls, sourceFilter);
    }

    /** Starts backing up a disk, or answers the status of the task of that id if it is known. */
    public TaskStatus start(DiskBackupOrder order) {
        requireTaskId(order == null ? null : order.taskId());
        return start(order.taskId(), () -> {
            BackupTask.check(order);
            return new BackupTask(order, operations, sources, tls);
        });
    }

    /** Starts restoring a disk, or answers the status of the task of that id if it is known. */
    public TaskStatus start(DiskRestoreOrder order) {
        requireTaskId(order == null ? null : order.taskId());
        return start(order.taskId(), () -> {
            RestoreTask.check(order);
            return new RestoreTask(order, operations, qemu.qemuImg());
        });
    }

    /** @throws NoSuchElementException when the agent knows no task of that id (any more) */
    public TaskStatus status(String taskId) {
        return entry(taskId).record().status();
    }

    /**
     * Stops a running task cleanly: a backup commits no restore point, a restore leaves the target
     * as it was. Answers at once; the task is CANCELLED once its thread has cleaned up (within
     * seconds). A finished task is left as it is.
     */
    public TaskStatus cancel(String taskId) {
        Entry entry = entry(taskId);
        if (!entry.record().finished() && !entry.record().cancelRequested()) {
            entry.record().requestCancel();
            entry.record().log("Cancelling, at the engine's request.");
            entry.thread().interrupt();
        }
        return entry.record().status();
    }

    private interface TaskFactory {
        DiskTask create();
    }

    private TaskStatus start(String taskId, TaskFactory factory) {
        forgetOld();
        Entry known = tasks.get(taskId);
        if (known != null) {
            return known.record().status();
        }
        DiskTask task = factory.create();
        TaskRecord record = new TaskRecord(taskId);
        Entry entry = new Entry(record, Thread.ofVirtual().name("task " + taskId).unstarted(() -> run(task, record)));
        Entry raced = tasks.putIfAbsent(taskId, entry);
        if (raced != null) {
            return raced.record().status();
        }
        entry.thread().start();
        return record.status();
    }

    private void run(DiskTask task, TaskRecord record) {
        try {
            task.run(record);
            if (record.cancelRequested()) {
                record.log("The cancel came after the task was done; its result stands.");
            }
            record.finish(TaskState.SUCCEEDED, null, clock.instant());
        } catch (Exception | Error e) {
            // Only a cancel interrupts a task; a timeout is an InterruptedIOException too, and a failure.
            if (record.cancelRequested()) {
                record.log("Cancelled; nothing was committed.");
                record.finish(TaskState.CANCELLED, null, clock.instant());
                return;
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof RuntimeException && !(e instanceof IllegalArgumentException) || e instanceof Error) {
                LOG.error("Task {} failed", record.taskId(), e);
            }
            record.log("Failed: " + why);
            record.finish(TaskState.FAILED, why, clock.instant());
        }
    }

    private Entry entry(String taskId) {
        forgetOld();
        Entry entry = taskId == null ? null : tasks.get(taskId);
        if (entry == null) {
            throw new NoSuchElementException("This agent has no task " + taskId + ": it finished more than "
                    + KEEP_FINISHED.toMinutes() + " minutes ago, or the agent was restarted since it started.");
        }
        return entry;
    }

    private void forgetOld() {
        Instant limit = clock.instant().minus(KEEP_FINISHED);
        tasks.values().removeIf(entry -> {
            Instant finished = entry.record().finishedAt();
            return finished != null && finished.isBefore(limit);
        });
    }

    private static void requireTaskId(String taskId) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("The order has no taskId.");
        }
    }

    static void checkRepository(RepositoryTarget repository) {
        if (repository == null || repository.path() == null || repository.password() == null) {
            throw new IllegalArgumentException("The order needs a repository with its path and password.");
        }
        if (!Path.of(repository.path()).isAbsolute()) {
            throw new IllegalArgumentException("The repository path '" + repository.path() + "' is not absolute.");
        }
        if (!repository.local() && (repository.agentPort() < 1 || repository.agentPort() > 65535)) {
            throw new IllegalArgumentException("The repository agent's port " + repository.agentPort()
                    + " is not a port (1-65535).");
        }
    }

    /** Cancels every running task and waits a little for them to clean up: the agent is stopping. */
    @Override
    public void close() {
        tasks.values().stream().filter(entry -> !entry.record().finished()).forEach(entry -> cancel(entry.record().taskId()));
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        for (Entry entry : tasks.values()) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    entry.thread().join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
