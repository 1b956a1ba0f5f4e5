package io.bulwark.agent.nbd;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS material for an {@code nbds://} export, kept out of the URI so that URIs can be logged.
 * All files are PEM. The server's certificate must chain to {@code caCertificate} and name the
 * URI's host (DNS name or IP address) in its subjectAltName, as for any TLS client.
 *
 * @param caCertificate     one or more CA certificates the server's certificate must chain to
 * @param clientCertificate the agent's certificate (and any intermediates), for servers that verify
 *                          clients (qemu's {@code verify-peer=on}); null for none
 * @param clientKey         the unencrypted private key of {@code clientCertificate} (PKCS#8, or the
 *                          traditional EC or RSA form); null exactly when the certificate is
 */
public record NbdTls(Path caCertificate, Path clientCertificate, Path clientKey) {
    public NbdTls {
        Objects.requireNonNull(caCertificate, "caCertificate");
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("A client certificate and its key come together: give both or neither");
        }
    }

    /** Verifies the server against {@code caCertificate}, without a client certificate. */
    public static NbdTls trusting(Path caCertificate) {
        return new NbdTls(caCertificate, null, null);
    }

    /** The same trust, presenting this certificate and key to servers that ask for one. */
    public NbdTls withClientCertificate(Path certificate, Path key) {
        return new NbdTls(caCertificate, Objects.requireNonNull(certificate), Objects.requireNonNull(key));
    }

    public boolean hasClientCertificate() {
        return clientCertificate != null;
    }
}
