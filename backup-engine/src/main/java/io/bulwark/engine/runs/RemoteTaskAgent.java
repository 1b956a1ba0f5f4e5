package io.bulwark.engine.runs;

import io.bulwark.engine.deploy.AgentControl;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlRequest;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.TaskQuery;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.servers.ServerView;
import java.time.Duration;

/** The agent of a managed server, over the mutual-TLS control channel. */
final class RemoteTaskAgent implements TaskAgent {
    private final AgentControl control;
    private final ServerView server;

    RemoteTaskAgent(AgentControl control, ServerView server) {
        this.control = control;
        this.server = server;
    }

    @Override
    public TaskStatus backup(DiskBackupOrder order) {
        return call(ControlChannel.BACKUP_DISK, order);
    }

    @Override
    public TaskStatus restore(DiskRestoreOrder order) {
        return call(ControlChannel.RESTORE_DISK, order);
    }

    @Override
    public TaskStatus status(String taskId) {
        return call(ControlChannel.TASK_STATUS, new TaskQuery(taskId));
    }

    @Override
    public TaskStatus cancel(String taskId) {
        return call(ControlChannel.TASK_CANCEL, new TaskQuery(taskId));
    }

    private TaskStatus call(String op, Object body) {
        return control.call(server.address(), server.ports().controlPort(),
                Duration.ofSeconds(server.ports().sshTimeoutSeconds()),
                new ControlRequest(op, ApiJson.mapper().valueToTree(body)), TaskStatus.class);
    }
}
