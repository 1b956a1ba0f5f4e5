package io.bulwark.agent.bench;

/**
 * A timed step, one row of the table. The rows only Bulwark has are compared with the peers' row
 * that does the same job their way: the dirty bitmap incremental with their incremental, the full
 * backups without AES warm-up or over NBD with their full backup.
 */
enum Operation {
    FULL_BACKUP("full backup", null),
    INCREMENTAL("incremental by fingerprint", null),
    INCREMENTAL_BITMAP("incremental by dirty bitmap", INCREMENTAL),
    RESTORE("restore of the full backup", null),
    VERIFY("verify (reads all data)", null),
    FULL_BACKUP_NO_WARMUP("full backup, AES warm-up off", FULL_BACKUP),
    FULL_BACKUP_NBD("full backup over NBD (qcow2)", FULL_BACKUP);

    private final String label;
    private final Operation peerCounterpart;

    Operation(String label, Operation peerCounterpart) {
        this.label = label;
        this.peerCounterpart = peerCounterpart;
    }

    String label() {
        return label;
    }

    /** The peers' row this one is compared with. */
    Operation comparedWith() {
        return peerCounterpart == null ? this : peerCounterpart;
    }
}
