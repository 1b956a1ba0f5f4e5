package io.bulwark.engine.ca;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.engine.servers.ThisHost;
import io.bulwark.protocol.tls.CertificateFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's certificate authority for the control channel to agents. Agents make their key on
 * their own host and send a certificate request; this CA signs it, so no private key ever travels.
 * Agents trust this CA only, and the engine trusts only agent certificates it signed.
 *
 * <p>Made on first start and kept in {@code DIR/tls/ca.p12} (with the engine's client key) under
 * a password derived from the master key; its certificate also goes to {@code DIR/tls/ca.crt} in
 * PEM, which is what agents are given to trust. It is loaded, never silently made again: a new CA
 * would orphan every deployed agent.
 */
public final class EngineAuthority {
    static final String PASSWORD_PURPOSE = "ca-keystore/v1";
    static final String CERTIFICATE_FILE = "ca.crt";
    /**
     * The engine's client certificate is made again this long before it expires. Agents trust the
     * CA, not this certificate, so a new one changes nothing for them.
     */
    static final Duration RENEW_CLIENT_BEFORE = Duration.ofDays(365);
    private static final Logger log = LoggerFactory.getLogger(EngineAuthority.class);

    private final Authority authority;
    private final ClientIdentity client;
    private final CertificateIssuer issuer;
    private final SSLContext clientContext;

    private EngineAuthority(Authority authority, ClientIdentity client, CertificateIssuer issuer,
                            SSLContext clientContext) {
        this.authority = authority;
        this.client = client;
        this.issuer = issuer;
        this.clientContext = clientContext;
    }

    public static EngineAuthority loadOrCreate(DataDirectory directory, MasterKey masterKey) {
        return loadOrCreate(directory, masterKey, Clock.systemUTC());
    }

    public static EngineAuthority loadOrCreate(DataDirectory directory, MasterKey masterKey, Clock clock) {
        CertificateIssuer issuer = new CertificateIssuer(clock, new SecureRandom());
        AuthorityStore store = new AuthorityStore(directory, masterKey.derivedPassword(PASSWORD_PURPOSE));
        try {
            Authority authority;
            ClientIdentity client;
            if (store.exists()) {
                AuthorityStore.Contents contents = store.read();
                authority = contents.authority();
                client = contents.client();
                if (client == null || expiresSoon(client.certificate(), clock)) {
                    client = issuer.newEngineClient(authority);
                    store.write(authority, client, true);
                    log.info("Made a new engine client certificate for the control channel, valid until {}.",
                            client.certificate().getNotAfter().toInstant());
                }
            } else {
                authority = issuer.newAuthority(ThisHost.hostname());
                client = issuer.newEngineClient(authority);
                store.write(authority, client, false);
                log.info("Made the engine's certificate authority {} (SHA-256 fingerprint {}) in {}.",
                        authority.certificate().getSubjectX500Principal(),
                        CertificateFingerprint.sha256(authority.certificate()), store.file());
            }
            writeCertificateFile(directory.tls().resolve(CERTIFICATE_FILE), authority.certificate());
            SSLContext context = ControlChannelTls.clientContext(authority.certificate(), client);
            return new EngineAuthority(authority, client, issuer, context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up the engine's certificate authority in " + store.file()
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up the engine's certificate authority in " + store.file(), e);
        }
    }

    /**
     * Signs an agent's PKCS#10 request and returns the agent's certificate in PEM. Only the public
     * key is taken from the request, after its signature proves the agent holds the private key;
     * the subject (CN = the server's name), subjectAltName (the server's address), key usages and
     * ten-year validity are the engine's.
     *
     * @throws RejectedCertificateRequestException when the request is malformed, not signed by its
     *     key, or its key is weaker than EC P-256 / RSA 3072
     */
    public String sign(String certificateRequestPem, AgentIdentity identity) {
        PublicKey key = CertificateRequests.verifiedKey(certificateRequestPem);
        try {
            X509Certificate certificate = issuer.agent(authority, key, identity);
            log.info("Signed the agent certificate of '{}' for {} (serial {}, valid until {}).", identity.serverName(),
                    identity.address(), certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
            return Pem.certificate(certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The engine's certificate authority could not sign the certificate of '"
                    + identity.serverName() + "': " + e.getMessage(), e);
        }
    }

    /** The CA's self-signed certificate: the one agents trust. */
    public X509Certificate certificate() {
        return authority.certificate();
    }

    /** The CA's certificate in PEM, as in {@code DIR/tls/ca.crt}: what an agent is given as its {@code --ca}. */
    public String certificatePem() {
        return Pem.certificate(authority.certificate());
    }

    /** The CA certificate's SHA-256 fingerprint, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String fingerprint() {
        return CertificateFingerprint.sha256(authority.certificate());
    }

    /** The key and certificate (CN "Bulwark engine", clientAuth) the engine presents to agents. */
    public ClientIdentity engineClientIdentity() {
        return client;
    }

    /**
     * A TLS 1.3 context for dialling agents: it presents {@link #engineClientIdentity()} and trusts
     * only this CA. Set each socket up with {@link ControlChannelTls#configureClient}, which also
     * makes TLS check that the agent's certificate names the host dialled.
     */
    public SSLContext clientContext() {
        return clientContext;
    }

    private static boolean expiresSoon(X509Certificate certificate, Clock clock) {
        return certificate.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_CLIENT_BEFORE));
    }

    /** Kept in step with the key store: written when missing or different, as it is public and derived. */
    private static void writeCertificateFile(Path file, X509Certificate certificate) throws IOException {
        String pem = Pem.certificate(certificate);
        if (!Files.exists(file) || !pem.equals(Files.readString(file, StandardCharsets.US_ASCII))) {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        }
    }
}
