package io.bulwark.engine.configbackup;

import io.bulwark.engine.security.MasterKey;

/** What a configuration backup is sealed with, and opened with. */
public sealed interface Seal {

    BackupHeader.Mode mode();

    /** A password the admin chose; it goes through Argon2id. */
    record Password(String password) implements Seal {
        @Override
        public BackupHeader.Mode mode() {
            return BackupHeader.Mode.PASSWORD;
        }

        @Override
        public String toString() {
            return "Password[(hidden)]";
        }
    }

    /**
     * The data directory's master key, for the backups the engine makes by itself (before a schema
     * migration, before an import), when no admin is there to type a password.
     */
    record WithMasterKey(MasterKey key) implements Seal {
        @Override
        public BackupHeader.Mode mode() {
            return BackupHeader.Mode.MASTER_KEY;
        }
    }
}
