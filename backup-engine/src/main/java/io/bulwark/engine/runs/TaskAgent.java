package io.bulwark.engine.runs;

import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.TaskStatus;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An agent that carries out disk tasks: the agent on a managed server, over its control channel,
 * or the engine's own in-process agent for the built-in roles. Every call answers at once; the job
 * engine follows a task with {@link #status} until it has finished.
 */
public interface TaskAgent {
    TaskStatus backup(DiskBackupOrder order);

    TaskStatus restore(DiskRestoreOrder order);

    TaskStatus status(String taskId);

    TaskStatus cancel(String taskId);

    /**
     * Follows a started task once a second until it has finished, or until {@code giveUp} says to
     * stop following it; each status on the way goes to {@code progress}. Answers the last status.
     */
    default TaskStatus follow(TaskStatus started, BooleanSupplier giveUp, Consumer<TaskStatus> progress)
            throws InterruptedException {
        TaskStatus status = started;
        while (!status.state().finished() && !giveUp.getAsBoolean()) {
            progress.accept(status);
            Thread.sleep(Duration.ofSeconds(1));
            status = status(status.taskId());
        }
        return status;
    }
}
