package io.bulwark.protocol.servers;

/**
 * A host's SSH key for an admin to compare and accept.
 *
 * @param algorithm   {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa}, …
 * @param fingerprint SHA-256, exactly as {@code ssh-keygen -l} prints it: {@code SHA256:...}
 */
public record HostKeyView(String address, int sshPort, String algorithm, String fingerprint) {
}
