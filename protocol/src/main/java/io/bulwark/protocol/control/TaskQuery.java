package io.bulwark.protocol.control;

/** The body of {@link ControlChannel#TASK_STATUS} and {@link ControlChannel#TASK_CANCEL}. */
public record TaskQuery(String taskId) {
}
