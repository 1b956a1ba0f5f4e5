package io.bulwark.console.connection;

/** Asks the admin whether to trust an engine's certificate on first contact. */
@FunctionalInterface
public interface CertificatePrompt {
    boolean trust(EngineAddress address, CertificateDetails certificate);
}
