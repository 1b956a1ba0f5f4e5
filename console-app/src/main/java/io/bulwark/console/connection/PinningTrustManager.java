package io.bulwark.console.connection;

import io.bulwark.protocol.tls.CertificateFingerprint;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one certificate: the engine's, by the SHA-256 fingerprint an admin accepted.
 * Engines make their own self-signed certificates and are reached by whatever name or address the
 * admin types, so neither a CA nor the host name can vouch for them; the pin can, and it is the
 * stronger check. Being an {@link X509ExtendedTrustManager} is what makes skipping the host-name
 * check legitimate: JSSE then leaves endpoint identification to this class instead of wrapping it.
 *
 * <p>With no pin (first contact) every certificate is refused, and the refusal carries the
 * certificate so that the console can show it to the admin.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    private final String pinnedFingerprint;

    /** @param pinnedFingerprint the trusted fingerprint, or null when none is pinned yet */
    PinningTrustManager(String pinnedFingerprint) {
        this.pinnedFingerprint = pinnedFingerprint;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("The console does not accept TLS clients.");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("The console does not accept TLS clients.");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("The console does not accept TLS clients.");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The server presented no certificate.");
        }
        X509Certificate leaf = chain[0];
        if (!CertificateFingerprint.same(pinnedFingerprint, CertificateFingerprint.sha256(leaf))) {
            throw new NotPinnedException(leaf, pinnedFingerprint);
        }
    }

    /** The server's certificate is not the pinned one (or nothing is pinned yet). */
    static final class NotPinnedException extends CertificateException {
        private final transient X509Certificate presented;
        private final String pinnedFingerprint;

        NotPinnedException(X509Certificate presented, String pinnedFingerprint) {
            super(pinnedFingerprint == null ? "No certificate is trusted for this engine yet."
                    : "The engine's certificate is not the trusted one.");
            this.presented = presented;
            this.pinnedFingerprint = pinnedFingerprint;
        }

        X509Certificate presented() {
            return presented;
        }

        String pinnedFingerprint() {
            return pinnedFingerprint;
        }
    }
}
