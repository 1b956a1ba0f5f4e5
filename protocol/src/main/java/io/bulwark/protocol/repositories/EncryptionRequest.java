package io.bulwark.protocol.repositories;

/**
 * Encryption settings of a repository. The password is write-only; on update, null keeps the
 * stored one. The hint is shown to whoever has to type the password at restore time.
 */
public record EncryptionRequest(boolean enabled, String password, String passwordHint) {
    /** The limits the engine holds a typed password and hint to; the console checks them first. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;
    public static final int MAX_HINT_LENGTH = 256;

    @Override
    public String toString() {
        return "EncryptionRequest[enabled=" + enabled + ", password=(hidden), passwordHint=" + passwordHint + "]";
    }
}
