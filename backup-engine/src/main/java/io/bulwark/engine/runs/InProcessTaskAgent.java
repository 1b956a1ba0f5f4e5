package io.bulwark.engine.runs;

import io.bulwark.agent.tasks.AgentTasks;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.TaskStatus;

/** The engine's own agent, for the built-in proxy and the repositories on the backup server. */
final class InProcessTaskAgent implements TaskAgent {
    private final AgentTasks tasks;

    InProcessTaskAgent(AgentTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public TaskStatus backup(DiskBackupOrder order) {
        return tasks.start(order);
    }

    @Override
    public TaskStatus restore(DiskRestoreOrder order) {
        return tasks.start(order);
    }

    @Override
    public TaskStatus status(String taskId) {
        return tasks.status(taskId);
    }

    @Override
    public TaskStatus cancel(String taskId) {
        return tasks.cancel(taskId);
    }
}
