package io.bulwark.protocol.configuration;

/**
 * Exports the engine's configuration to a file sealed with {@code password} (the limits of
 * {@link io.bulwark.protocol.repositories.EncryptionRequest}). The hint is stored in the file's
 * header, readable without the password.
 */
public record ConfigurationExportRequest(String password, String hint) {
    @Override
    public String toString() {
        return "ConfigurationExportRequest[password=(hidden), hint=" + hint + "]";
    }
}
