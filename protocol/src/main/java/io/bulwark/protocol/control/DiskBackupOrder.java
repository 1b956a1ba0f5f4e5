package io.bulwark.protocol.control;

/**
 * {@link ControlChannel#BACKUP_DISK}: back up one VM disk into a repository as one restore point.
 * The agent answers at once with a {@link TaskStatus} (state RUNNING) and works on; the engine
 * follows it with {@link ControlChannel#TASK_STATUS}.
 *
 * @param taskId      the engine's id for the task, unique; asking again with the same id answers
 *                    the running task's status rather than starting it twice
 * @param diskName    the disk's name in the repository, stable across runs: incremental backups
 *                    compare with the newest restore point of the same name
 * @param blockSize   one of 256 KiB, 512 KiB, 1 MiB, 4 MiB
 * @param compression none, optimal or high
 */
public record DiskBackupOrder(String taskId, DiskSourceSpec source, RepositoryTarget repository, String diskName,
                              int blockSize, String compression) {
}
