package io.bulwark.engine.credentials;

/** A credential's secrets in clear, for the SSH client only. Never logged, never sent to a client. */
public record CredentialSecrets(String username, String password, String privateKey, String passphrase) {
    @Override
    public String toString() {
        return "CredentialSecrets[username=" + username + ", secrets=(hidden)]";
    }
}
