package io.bulwark.agent.tasks;

/** The work of one task, run on its own thread; an interrupt of that thread is a cancel. */
sealed interface DiskTask permits BackupTask, RestoreTask {
    /** Does the work, writing its progress and log into {@code record}; throws why it failed. */
    void run(TaskRecord record) throws Exception;
}
