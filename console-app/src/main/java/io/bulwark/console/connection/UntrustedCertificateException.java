package io.bulwark.console.connection;

/** First contact: no certificate is pinned for this engine, so the admin must look at this one. */
public final class UntrustedCertificateException extends EngineException {
    private final CertificateDetails certificate;

    public UntrustedCertificateException(EngineAddress address, CertificateDetails certificate) {
        super("The engine at " + address + " is not trusted yet.");
        this.certificate = certificate;
    }

    public CertificateDetails certificate() {
        return certificate;
    }
}
