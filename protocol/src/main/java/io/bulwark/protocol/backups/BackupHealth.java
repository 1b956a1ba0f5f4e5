package io.bulwark.protocol.backups;

/** What the last health check found in a restore point. */
public enum BackupHealth {
    /** Not verified yet. */
    UNVERIFIED,
    /** Every block read back and matched its hash. */
    HEALTHY,
    /** Some block is missing or does not match: restoring it will fail. */
    DAMAGED
}
