package io.bulwark.console.connection;

import io.bulwark.protocol.tls.CertificateFingerprint;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.security.auth.x500.X500Principal;

/** What an admin needs to decide whether to trust an engine's certificate. */
public record CertificateDetails(String subject, String fingerprint, Instant validFrom, Instant validUntil) {
    public static CertificateDetails of(X509Certificate certificate) {
        return new CertificateDetails(certificate.getSubjectX500Principal().getName(X500Principal.RFC1779),
                CertificateFingerprint.sha256(certificate), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }
}
