package io.bulwark.protocol.credentials;

/**
 * Creates or changes a stored credential. Secrets go in and never come out: {@code password},
 * {@code privateKey} and {@code passphrase} are write-only. On update, a null secret keeps the
 * stored one.
 *
 * @param password   the account's password; for a key, the password sudo asks for (optional)
 * @param privateKey the private key in OpenSSH or PEM format (for {@link CredentialType#PRIVATE_KEY})
 * @param passphrase the private key's passphrase, if it has one
 */
public record CredentialRequest(
        String name,
        CredentialType type,
        String username,
        String password,
        String privateKey,
        String passphrase,
        String description) {
    @Override
    public String toString() {
        return "CredentialRequest[name=" + name + ", type=" + type + ", username=" + username
                + ", secrets=(hidden), description=" + description + "]";
    }
}
