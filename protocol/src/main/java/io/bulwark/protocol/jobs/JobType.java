package io.bulwark.protocol.jobs;

public enum JobType {
    VM_BACKUP,
    FILE_BACKUP,
    /** Not a job: the type of a restore's session in the history. */
    RESTORE
}
