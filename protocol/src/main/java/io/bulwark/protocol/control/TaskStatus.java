package io.bulwark.protocol.control;

import java.util.List;

/**
 * Where an agent's task stands.
 *
 * @param totalBytes       the disk's size
 * @param doneBytes        how far the task has come through the disk
 * @param bytesRead        what was actually read from the source (changed block tracking and zero
 *                         regions leave the rest unread)
 * @param bytesTransferred what was written to, or sent to, the repository after dedup and compression
 * @param pointId          the restore point a finished backup committed
 * @param error            why a failed task failed, in words an admin acts on
 * @param log              the task's log lines, oldest first (warnings start with "Warning:")
 */
public record TaskStatus(String taskId, TaskState state, long totalBytes, long doneBytes, long bytesRead,
                         long bytesTransferred, StageLoad load, String pointId, String error, List<String> log) {
}
