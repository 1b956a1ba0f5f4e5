package io.bulwark.engine.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS 1.3 handshakes between the engine's client context and an agent-like server that
 * holds a certificate signed from a request, trusts the engine's CA and requires a client
 * certificate, as {@code agent serve} does.
 */
class ControlChannelTlsTest {
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path temp;
    EngineAuthority authority;

    @BeforeEach
    void setUp() {
        DataDirectory directory = DataDirectory.open(temp.resolve("data"));
        authority = EngineAuthority.loadOrCreate(directory, MasterKey.open(directory, null));
    }

    @Test
    void theEngineDialsAnAgentItSignedAndTheAgentSeesTheEngine() throws Exception {
        try (Agent agent = Agent.start(issue(authority, "127.0.0.1"), authority.certificate())) {
            try (SSLSocket socket = dial(agent, "127.0.0.1")) {
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName())
                        .isEqualTo("CN=Backup host,O=Bulwark");
                assertThat(socket.getInputStream().read()).isEqualTo(42);
            }
            assertThat(agent.clientSubject()).isEqualTo("CN=Bulwark engine,O=Bulwark");
        }
    }

    @Test
    void anAgentCertificateFromAnotherCaIsRefused() throws Exception {
        DataDirectory elsewhere = DataDirectory.open(temp.resolve("elsewhere"));
        EngineAuthority stranger = EngineAuthority.loadOrCreate(elsewhere, MasterKey.open(elsewhere, null));
        try (Agent agent = Agent.start(issue(stranger, "127.0.0.1"), authority.certificate());
             SSLSocket socket = dial(agent, "127.0.0.1")) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    // Both CAs carry the same name (one host), so this is the harder case: the name matches, the signature does not.
                    .hasMessageContaining("PKIX path");
        }
    }

    @Test
    void anAgentDialledByANameItsCertificateDoesNotCarryIsRefused() throws Exception {
        try (Agent agent = Agent.start(issue(authority, "127.0.0.1"), authority.certificate());
             SSLSocket socket = dial(agent, "localhost")) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("matching localhost");
        }
    }

    /** Connects to the agent's port on the loopback address, then speaks TLS as if {@code host} had been dialled. */
    private SSLSocket dial(Agent agent, String host) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), agent.port()), TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        SSLSocket socket = (SSLSocket) authority.clientContext().getSocketFactory().createSocket(plain, host, agent.port(), true);
        ControlChannelTls.configureClient(socket);
        return socket;
    }

    /** A key made "on the agent's host", its request, and the certificate the given CA signs for it. */
    private static AgentKey issue(EngineAuthority ca, String address) throws Exception {
        KeyPair keys = TestRequests.ec("secp256r1");
        String certificate = ca.sign(TestRequests.pem(TestRequests.request(keys, "agent")), new AgentIdentity("Backup host", address));
        return new AgentKey(keys, TestRequests.certificate(certificate));
    }

    private record AgentKey(KeyPair keys, X509Certificate certificate) {
    }

    /** One-connection TLS server on the loopback address: requires a client certificate, then sends one byte. */
    private static final class Agent implements AutoCloseable {
        private final SSLServerSocket server;
        private final CompletableFuture<String> clientSubject = new CompletableFuture<>();

        private Agent(SSLServerSocket server) {
            this.server = server;
        }

        static Agent start(AgentKey key, X509Certificate trusted) throws Exception {
            char[] none = new char[0];
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("agent", key.keys().getPrivate(), none, new Certificate[] {key.certificate()});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, none);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), trustManagers.getTrustManagers(), null);

            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            SSLParameters parameters = server.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3"});
            parameters.setNeedClientAuth(true);
            server.setSSLParameters(parameters);
            Agent agent = new Agent(server);
            Thread.ofVirtual().start(agent::serveOne);
            return agent;
        }

        int port() {
            return server.getLocalPort();
        }

        String clientSubject() throws Exception {
            return clientSubject.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void serveOne() {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                X509Certificate client = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                clientSubject.complete(client.getSubjectX500Principal().getName());
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
            } catch (IOException | RuntimeException e) {
                clientSubject.completeExceptionally(e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
