package io.bulwark.engine.ssh;

/**
 * A host's SSH key as an admin compares it: the algorithm ({@code ssh-ed25519}) and the SHA-256
 * fingerprint exactly as {@code ssh-keygen -l} prints it ({@code SHA256:...}, unpadded base64).
 */
public record HostKey(String algorithm, String fingerprint) {
}
