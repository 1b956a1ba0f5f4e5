package io.bulwark.engine.configbackup;

import java.time.Instant;

/**
 * What a configuration backup says about itself without the password: enough for {@code config
 * info} and for the import to refuse a schema it does not know before asking for the password.
 *
 * @param mode          what the content is sealed with
 * @param kdf           the Argon2id parameters the password goes through; null when sealed with a master key
 * @param salt          Base64, 16 bytes: the KDF's salt, or the master key derivation's
 * @param keyCheck      Base64, 16 bytes derived from the key, which tells a wrong password from damage
 * @param schemaVersion Flyway's version of the database the rows come from
 * @param engineVersion the version of the engine that wrote the file
 * @param host          the backup server's host name
 * @param database      the product the rows come from (H2, PostgreSQL)
 * @param hint          the password's hint, as the admin gave it; null for none
 * @param sealedBytes   the length of the encrypted content with its tag, to tell a truncated file
 */
public record BackupHeader(Mode mode, Kdf kdf, String salt, String keyCheck, String schemaVersion,
                           String engineVersion, Instant createdAt, String host, String database, String hint,
                           long sealedBytes) {

    /** What opens the file; its byte is in the fixed part of the file, before the header. */
    public enum Mode {
        PASSWORD(1), MASTER_KEY(2);

        final int code;

        Mode(int code) {
            this.code = code;
        }

        static Mode of(int code) {
            for (Mode mode : values()) {
                if (mode.code == code) {
                    return mode;
                }
            }
            return null;
        }
    }

    /** Argon2id's cost, kept with each file so that it can be raised later without breaking older files. */
    public record Kdf(String algorithm, int memoryKiB, int iterations, int parallelism) {
    }

    BackupHeader withSealedBytes(long bytes) {
        return new BackupHeader(mode, kdf, salt, keyCheck, schemaVersion, engineVersion, createdAt, host, database,
                hint, bytes);
    }
}
