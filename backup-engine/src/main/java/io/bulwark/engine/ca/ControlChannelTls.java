package io.bulwark.engine.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The engine's end of the control channel to agents: TLS 1.3 only, the engine's client certificate
 * presented, and the agent's certificate trusted only when the engine's own CA signed it and it
 * names the host dialled. Public CAs are never trusted here: an agent's certificate comes from
 * this engine or from nowhere.
 */
public final class ControlChannelTls {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    /** The key stores below live in memory only; their password protects nothing. */
    private static final char[] IN_MEMORY = new char[0];

    private ControlChannelTls() {
    }

    static SSLContext clientContext(X509Certificate authority, ClientIdentity identity) throws GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("Cannot make an in-memory key store", e);
        }
        keys.setKeyEntry("engine", identity.privateKey(), IN_MEMORY, identity.chain().toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, IN_MEMORY);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("Cannot make an in-memory trust store", e);
        }
        trusted.setCertificateEntry("engine-ca", authority);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trusted);

        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    /**
     * Sets a socket from {@link EngineAuthority#clientContext()} up to dial an agent: client mode,
     * TLS 1.3, and the agent's certificate must name the host dialled (RFC 2818 matching of DNS
     * names and IP addresses, as HTTPS does). Make the socket with the managed server's address as
     * the host ({@code createSocket(address, port)} or the layered form), not with a resolved
     * {@code InetAddress}, so there is a name to check.
     */
    public static void configureClient(SSLSocket socket) {
        socket.setUseClientMode(true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
    }
}
