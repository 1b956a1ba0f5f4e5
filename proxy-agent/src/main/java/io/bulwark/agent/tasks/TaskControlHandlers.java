package io.bulwark.agent.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.agent.remote.ControlHandler;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.TaskQuery;
import java.util.Map;

/** The control channel's task ops, each a thin adapter from its JSON body to {@link AgentTasks}. */
public final class TaskControlHandlers {
    private TaskControlHandlers() {
    }

    /** {@code backup-disk}, {@code restore-disk}, {@code task-status} and {@code task-cancel}, by op name. */
    public static Map<String, ControlHandler> of(AgentTasks tasks) {
        ObjectMapper json = ApiJson.mapper();
        return Map.of(
                ControlChannel.BACKUP_DISK, body -> tasks.start(json.treeToValue(required(body), DiskBackupOrder.class)),
                ControlChannel.RESTORE_DISK, body -> tasks.start(json.treeToValue(required(body), DiskRestoreOrder.class)),
                ControlChannel.TASK_STATUS, body -> tasks.status(json.treeToValue(required(body), TaskQuery.class).taskId()),
                ControlChannel.TASK_CANCEL, body -> tasks.cancel(json.treeToValue(required(body), TaskQuery.class).taskId()));
    }

    private static JsonNode required(JsonNode body) {
        if (body == null || body.isNull()) {
            throw new IllegalArgumentException("The request has no body.");
        }
        return body;
    }
}
