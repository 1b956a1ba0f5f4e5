package io.bulwark.protocol.jobs;

public enum JobType {
    VM_BACKUP,
    FILE_BACKUP,
    /** Not a job: the type of a restore's session in the history. */
    RESTORE,
    /** Not a job: the type of a health check's session (a job's restore points read back). */
    HEALTH_CHECK
}
