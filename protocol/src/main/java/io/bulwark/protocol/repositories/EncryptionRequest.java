package io.bulwark.protocol.repositories;

/**
 * Encryption settings of a repository. The password is write-only; on update, null keeps the
 * stored one. The hint is shown to whoever has to type the password at restore time.
 */
public record EncryptionRequest(boolean enabled, String password, String passwordHint) {
    @Override
    public String toString() {
        return "EncryptionRequest[enabled=" + enabled + ", password=(hidden), passwordHint=" + passwordHint + "]";
    }
}
