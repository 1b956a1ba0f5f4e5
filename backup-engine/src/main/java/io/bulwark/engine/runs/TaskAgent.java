package io.bulwark.engine.runs;

import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.TaskStatus;

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
}
