package io.bulwark.engine.configbackup;

/** A configuration backup cannot be written, read or loaded; the message says why and what to do. */
public class ConfigurationBackupException extends RuntimeException {
    public ConfigurationBackupException(String message) {
        super(message);
    }

    public ConfigurationBackupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The password (or master key) does not open the file; nothing was decrypted. */
    public static final class WrongKey extends ConfigurationBackupException {
        public WrongKey(String message) {
            super(message);
        }
    }
}
