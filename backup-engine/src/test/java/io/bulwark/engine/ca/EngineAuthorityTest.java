package io.bulwark.engine.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineAuthorityTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    @TempDir
    Path temp;
    DataDirectory directory;
    MasterKey masterKey;
    EngineAuthority authority;

    @BeforeEach
    void setUp() {
        directory = DataDirectory.open(temp.resolve("data"));
        masterKey = MasterKey.open(directory, null);
        authority = EngineAuthority.loadOrCreate(directory, masterKey);
    }

    @Test
    void theCaIsASelfSignedTwentyYearRootThatSignsEndEntitiesOnly() throws Exception {
        X509Certificate ca = authority.certificate();
        ca.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal().getName()).startsWith("CN=Bulwark engine CA ");
        assertThat(ca.getBasicConstraints()).isZero();
        boolean[] usage = ca.getKeyUsage();
        assertThat(usage[5]).as("keyCertSign").isTrue();
        assertThat(usage[6]).as("cRLSign").isTrue();
        assertThat(usage[0]).as("digitalSignature").isFalse();
        assertThat(ca.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(365 * 20 - 2)));
        assertThat(ca.getSerialNumber().signum()).isPositive();
        assertThat(ca.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);

        Path tls = directory.root().resolve("tls");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("ca.p12")))).isEqualTo("rw-------");
        assertThat(Files.readString(tls.resolve("ca.crt"))).isEqualTo(authority.certificatePem())
                .startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(TestRequests.certificate(Files.readString(tls.resolve("ca.crt")))).isEqualTo(ca);
    }

    @Test
    void signsARequestWithTheNamesTheEngineChoosesAndChainsToTheCa() throws Exception {
        KeyPair keys = TestRequests.ec("secp256r1");
        String pem = authority.sign(TestRequests.pem(TestRequests.greedyRequest(keys)),
                new AgentIdentity("Backup host 1", "10.1.2.3"));
        X509Certificate agent = TestRequests.certificate(pem);

        assertValidates(agent, authority.certificate());
        assertThat(agent.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(agent.getSubjectX500Principal().getName()).isEqualTo("CN=Backup host 1,O=Bulwark");
        assertThat(agent.getSubjectAlternativeNames()).containsExactly(List.of(IP_ADDRESS, "10.1.2.3"));
        assertThat(agent.getBasicConstraints()).as("not a CA, whatever the request asked").isEqualTo(-1);
        assertThat(agent.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        boolean[] usage = agent.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[4]).as("keyAgreement").isTrue();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        assertThat(agent.getNotAfter().toInstant())
                .isBetween(Instant.now().plus(Duration.ofDays(3650)), Instant.now().plus(Duration.ofDays(3655)));
        assertThat(agent.getSerialNumber()).isNotEqualTo(authority.certificate().getSerialNumber());

        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(agent);
        JcaX509CertificateHolder caHolder = new JcaX509CertificateHolder(authority.certificate());
        assertThat(AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifierOctets())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(caHolder.getExtensions()).getKeyIdentifier());
        assertThat(holder.getExtension(Extension.subjectKeyIdentifier)).isNotNull();
    }

    @Test
    void namesAHostByDnsNameAndAnIpv6AddressAsAnAddress() throws Exception {
        String csr = TestRequests.pem(TestRequests.request(TestRequests.ec("secp384r1"), "whatever"));
        X509Certificate byName = TestRequests.certificate(authority.sign(csr, new AgentIdentity("nas", "nas.example.com.")));
        assertThat(byName.getSubjectAlternativeNames()).containsExactly(List.of(DNS_NAME, "nas.example.com"));
        X509Certificate byAddress = TestRequests.certificate(authority.sign(csr, new AgentIdentity("nas", "fd00::1")));
        List<?> entry = byAddress.getSubjectAlternativeNames().iterator().next();
        assertThat(entry.get(0)).isEqualTo(IP_ADDRESS);
        assertThat(InetAddress.ofLiteral((String) entry.get(1))).isEqualTo(InetAddress.ofLiteral("fd00::1"));
    }

    @Test
    void rejectsARequestWhoseContentWasChangedAfterSigning() throws Exception {
        byte[] der = TestRequests.request(TestRequests.ec("secp256r1"), "agent-a").getEncoded();
        byte[] name = "agent-a".getBytes();
        int at = indexOf(der, name);
        der[at + name.length - 1] = 'b';
        String tampered = TestRequests.pem("CERTIFICATE REQUEST", der);

        assertThatThrownBy(() -> authority.sign(tampered, new AgentIdentity("a", "10.0.0.1")))
                .isInstanceOf(RejectedCertificateRequestException.class)
                .hasMessageStartingWith("The certificate request is not signed by its key");
    }

    @Test
    void rejectsWeakKeysAndAcceptsStrongRsa() throws Exception {
        AgentIdentity identity = new AgentIdentity("a", "10.0.0.1");
        String small = TestRequests.pem(TestRequests.request(TestRequests.rsa(2048), "a"));
        assertThatThrownBy(() -> authority.sign(small, identity))
                .isInstanceOf(RejectedCertificateRequestException.class)
                .hasMessageContaining("a 2048-bit RSA key; RSA keys need at least 3072 bits");
        String p521 = TestRequests.pem(TestRequests.request(TestRequests.ec("secp521r1"), "a"));
        assertThatThrownBy(() -> authority.sign(p521, identity))
                .isInstanceOf(RejectedCertificateRequestException.class)
                .hasMessageContaining("curve other than P-256 or P-384");

        KeyPair rsa = TestRequests.rsa(3072);
        X509Certificate signed = TestRequests.certificate(authority.sign(TestRequests.pem(TestRequests.request(rsa, "a")), identity));
        assertValidates(signed, authority.certificate());
        assertThat(signed.getKeyUsage()[4]).as("no keyAgreement for RSA").isFalse();
    }

    @Test
    void rejectsWhatIsNotACertificateRequest() {
        AgentIdentity identity = new AgentIdentity("a", "10.0.0.1");
        assertThatThrownBy(() -> authority.sign("", identity)).hasMessageStartingWith("The certificate request is empty");
        assertThatThrownBy(() -> authority.sign(authority.certificatePem(), identity))
                .isInstanceOf(RejectedCertificateRequestException.class)
                .hasMessageStartingWith("This is not a PEM certificate request");
        assertThatThrownBy(() -> authority.sign("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
                identity)).isInstanceOf(RejectedCertificateRequestException.class);
    }

    @Test
    void theEngineClientIdentityIsSignedByTheCaForClientAuthOnly() throws Exception {
        ClientIdentity client = authority.engineClientIdentity();
        X509Certificate certificate = client.certificate();
        assertValidates(certificate, authority.certificate());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Bulwark engine,O=Bulwark");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.chain()).containsExactly(certificate, authority.certificate());
        assertThat(client.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void theCaAndClientIdentityReloadFromDiskUnchanged() throws Exception {
        EngineAuthority reloaded = EngineAuthority.loadOrCreate(directory, MasterKey.open(directory, masterKey.checkValue()));
        assertThat(reloaded.fingerprint()).isEqualTo(authority.fingerprint());
        assertThat(reloaded.engineClientIdentity().certificate()).isEqualTo(authority.engineClientIdentity().certificate());
        assertThat(reloaded.engineClientIdentity().privateKey().getEncoded())
                .isEqualTo(authority.engineClientIdentity().privateKey().getEncoded());

        String pem = reloaded.sign(TestRequests.pem(TestRequests.request(TestRequests.ec("secp256r1"), "a")),
                new AgentIdentity("a", "10.0.0.1"));
        assertValidates(TestRequests.certificate(pem), authority.certificate());
    }

    @Test
    void refusesAnotherMasterKeyAndLeavesTheCaAlone() throws Exception {
        Path store = directory.root().resolve("tls/ca.p12");
        byte[] before = Files.readAllBytes(store);
        MasterKey another = MasterKey.open(DataDirectory.open(temp.resolve("other")), null);

        assertThatThrownBy(() -> EngineAuthority.loadOrCreate(directory, another))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be opened with this data directory's master key")
                .hasMessageContaining("Bulwark will not make a new CA by itself");
        assertThat(Files.readAllBytes(store)).isEqualTo(before);
        assertThatCode(() -> EngineAuthority.loadOrCreate(directory, masterKey)).doesNotThrowAnyException();
    }

    @Test
    void aMissingCertificateFileIsWrittenAgainFromTheStore() throws Exception {
        Path pem = directory.root().resolve("tls/ca.crt");
        Files.delete(pem);
        EngineAuthority.loadOrCreate(directory, masterKey);
        assertThat(Files.readString(pem)).isEqualTo(authority.certificatePem());
    }

    @Test
    void anIdentityNeedsANameAndAnAddress() {
        assertThatThrownBy(() -> new AgentIdentity(" ", "10.0.0.1")).hasMessageContaining("name");
        assertThatThrownBy(() -> new AgentIdentity("a", "not an address")).hasMessageContaining("neither a DNS name");
    }

    static void assertValidates(X509Certificate certificate, X509Certificate ca) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        try {
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
        } catch (CertPathValidatorException e) {
            throw new AssertionError(certificate.getSubjectX500Principal() + " does not chain to " + ca.getSubjectX500Principal(), e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
