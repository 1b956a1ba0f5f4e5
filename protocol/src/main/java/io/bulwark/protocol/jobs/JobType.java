package io.bulwark.protocol.jobs;

public enum JobType {
    VM_BACKUP,
    FILE_BACKUP
}
