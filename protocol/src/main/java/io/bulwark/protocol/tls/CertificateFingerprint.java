package io.bulwark.protocol.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate, written as {@code openssl x509 -fingerprint -sha256}
 * writes it ({@code AB:CD:...}), so an admin can compare what the console shows with what the
 * engine's host prints.
 */
public final class CertificateFingerprint {
    private CertificateFingerprint() {
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    public static String sha256(byte[] derEncoded) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(derEncoded);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Whether two fingerprints name the same certificate, whatever their case or separators. */
    public static boolean same(String a, String b) {
        return a != null && b != null && normalise(a).equals(normalise(b));
    }

    private static String normalise(String fingerprint) {
        return fingerprint.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT);
    }
}
