package io.bulwark.agent.remote;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS of the data mover channel: TLS 1.3 only, a certificate on each end. The repository
 * agent requires a proxy certificate that chains to its CA; the proxy requires an agent
 * certificate that chains to its CA and names the host it dialed, as HTTPS does.
 */
final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    private static final char[] IN_MEMORY = new char[0];

    private TlsContexts() {
    }

    /** A context with this end's identity and trust, held in key stores that live in memory only. */
    static SSLContext create(TlsMaterial material) throws IOException {
        List<X509Certificate> chain = PemFiles.certificates(material.certificate(), "--cert");
        PrivateKey key = PemFiles.privateKey(material.key());
        PemFiles.checkPair(chain.getFirst(), key, material.certificate(), material.key());
        List<X509Certificate> authorities = PemFiles.certificates(material.ca(), "--ca");
        try {
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("identity", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, IN_MEMORY);

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trusted);

            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up TLS with " + material.certificate() + ", " + material.key() + " and "
                    + material.ca() + ": " + e.getMessage(), e);
        }
    }

    /** The repository agent's end: it asks for, and requires, a proxy certificate. */
    static void configureAgent(SSLSocket socket) {
        socket.setUseClientMode(false);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(true);
        socket.setSSLParameters(parameters);
    }

    /** The proxy's end: the agent's certificate must name the host dialed (RFC 2818 matching of DNS names and IP addresses). */
    static void configureProxy(SSLSocket socket) {
        socket.setUseClientMode(true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
    }
}
