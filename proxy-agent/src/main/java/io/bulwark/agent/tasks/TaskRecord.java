package io.bulwark.agent.tasks;

import io.bulwark.agent.backup.BackupMeter;
import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's status as it runs: written by the task's thread, read by whoever asks. Its log lines
 * also go to the agent's log, prefixed with the task id.
 */
final class TaskRecord {
    private static final Logger LOG = LoggerFactory.getLogger(AgentTasks.class);
    /** A task logs a few lines per phase; this bounds a runaway one. */
    private static final int MAX_LOG_LINES = 500;

    private final String taskId;
    private final List<String> log = new ArrayList<>();
    private volatile TaskState state = TaskState.RUNNING;
    private volatile boolean cancelRequested;
    private volatile long totalBytes;
    private volatile long doneBytes;
    private volatile BackupMeter meter;
    private volatile long bytesRead;
    private volatile long bytesTransferred;
    private volatile StageLoad load = StageLoad.NONE;
    private volatile String pointId;
    private volatile String error;
    private volatile Instant finishedAt;

    TaskRecord(String taskId) {
        this.taskId = taskId;
    }

    String taskId() {
        return taskId;
    }

    void log(String line) {
        LOG.info("Task {}: {}", taskId, line);
        synchronized (log) {
            if (log.size() < MAX_LOG_LINES) {
                log.add(line);
            }
        }
    }

    /** How far the task has come through the disk; the task's {@code Progress}. */
    void progress(long done, long total) {
        doneBytes = done;
        totalBytes = total;
    }

    /** Counters and stage load come from the running backup's meter until the task ends. */
    void metered(BackupMeter meter) {
        this.meter = meter;
    }

    /** What the task did in the end. */
    void counted(long bytesRead, long bytesTransferred) {
        this.bytesRead = bytesRead;
        this.bytesTransferred = bytesTransferred;
    }

    void committed(String pointId) {
        this.pointId = pointId;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    void finish(TaskState end, String why, Instant at) {
        BackupMeter last = meter;
        if (last != null) {
            load = last.load();
            if (bytesRead == 0 && bytesTransferred == 0) {
                bytesRead = last.bytesRead();
                bytesTransferred = last.bytesStored();
            }
        }
        meter = null;
        error = why;
        finishedAt = at;
        state = end;
    }

    boolean finished() {
        return state.finished();
    }

    /** When the task ended; null while it runs. */
    Instant finishedAt() {
        return finishedAt;
    }

    TaskStatus status() {
        BackupMeter running = meter;
        List<String> lines;
        synchronized (log) {
            lines = List.copyOf(log);
        }
        if (running != null) {
            return new TaskStatus(taskId, state, totalBytes, doneBytes, running.bytesRead(), running.bytesStored(),
                    running.load(), pointId, error, lines);
        }
        return new TaskStatus(taskId, state, totalBytes, doneBytes, bytesRead, bytesTransferred, load, pointId, error,
                lines);
    }
}
