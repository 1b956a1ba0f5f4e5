package io.bulwark.console.connection;

/** The engine presented another certificate than the one pinned for it. The console refuses it. */
public final class CertificateChangedException extends EngineException {
    private final String pinnedFingerprint;
    private final String presentedFingerprint;

    public CertificateChangedException(EngineAddress address, String pinnedFingerprint, String presentedFingerprint) {
        super("""
                The certificate of the engine at %s has CHANGED since you trusted it, so the console refused \
                to connect. Either the engine got a new certificate, or someone is intercepting the connection.

                Trusted:   %s
                Presented: %s

                On the engine's host, print its fingerprint with
                    openssl x509 -in DATA_DIR/tls/engine.crt -noout -fingerprint -sha256
                Only if it matches the presented one: click "Forget the trusted certificate" in the connect \
                dialog and connect again.""".formatted(address, pinnedFingerprint, presentedFingerprint));
        this.pinnedFingerprint = pinnedFingerprint;
        this.presentedFingerprint = presentedFingerprint;
    }

    public String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    public String presentedFingerprint() {
        return presentedFingerprint;
    }
}
