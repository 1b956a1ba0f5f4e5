package io.bulwark.protocol.jobs;

public enum RetentionUnit {
    RESTORE_POINTS,
    DAYS
}
