package io.bulwark.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentKeysTest {
    @TempDir
    Path temp;

    @Test
    void makesAnOwnerOnlyKeyAndARequestSignedByIt() throws Exception {
        Path directory = temp.resolve("agent");
        AgentKeys.Prepared prepared = new AgentKeys(directory).prepare("backup-host-1");

        assertThat(prepared.keyMade()).isTrue();
        assertThat(prepared.key()).isEqualTo(directory.resolve("agent.key"));
        assertThat(prepared.request()).isEqualTo(directory.resolve("agent.csr"));
        assertThat(permissions(prepared.key())).isEqualTo("rw-------");
        assertThat(permissions(directory)).isEqualTo("rwx------");
        assertThat(Files.readString(prepared.key())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.list(directory)).as("no temporary file left behind").hasSize(2);

        PrivateKey key = PemFiles.privateKey(prepared.key());
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        PKCS10CertificationRequest request = readRequest(prepared.request());
        assertThat(request.getSubject().toString()).isEqualTo("CN=backup-host-1");
        assertSignedBy(request, key);
    }

    @Test
    void runningAgainKeepsTheKeyAndWritesTheRequestAgain() throws Exception {
        Path directory = temp.resolve("agent");
        AgentKeys keys = new AgentKeys(directory);
        keys.prepare("first");
        byte[] key = Files.readAllBytes(keys.keyFile());
        Files.delete(keys.requestFile());

        AgentKeys.Prepared again = keys.prepare("second");

        assertThat(again.keyMade()).isFalse();
        assertThat(Files.readAllBytes(keys.keyFile())).isEqualTo(key);
        assertThat(permissions(keys.keyFile())).isEqualTo("rw-------");
        PKCS10CertificationRequest request = readRequest(again.request());
        assertThat(request.getSubject().toString()).isEqualTo("CN=second");
        assertSignedBy(request, PemFiles.privateKey(keys.keyFile()));
    }

    @Test
    void theKeyWorksWithTheCertificateSignedForItsRequest() throws Exception {
        Path directory = temp.resolve("agent");
        AgentKeys.Prepared prepared = new AgentKeys(directory).prepare(null);
        PublicKey requested = new JcaPKCS10CertificationRequest(readRequest(prepared.request())).getPublicKey();

        KeyPair ca = ecKeyPair();
        X509Certificate caCertificate = certificate(new X500Name("CN=Test CA"), ca.getPublic(), ca.getPrivate(), true);
        X509Certificate agent = certificate(new X500Name("CN=agent"), requested, ca.getPrivate(), false);
        Path certificateFile = directory.resolve("agent.crt");
        Path caFile = directory.resolve("ca.crt");
        Files.writeString(certificateFile, pem(agent.getEncoded()));
        Files.writeString(caFile, pem(caCertificate.getEncoded()));

        SSLContext context = TlsContexts.create(new TlsMaterial(certificateFile, prepared.key(), caFile));
        assertThat(context.getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void theKeyCarriesItsPublicHalfForOpensslAndGnutls() throws Exception {
        AgentKeys.Prepared prepared = new AgentKeys(temp.resolve("agent")).prepare("a");
        try (Reader reader = Files.newBufferedReader(prepared.key()); PEMParser parser = new PEMParser(reader)) {
            PrivateKeyInfo info = (PrivateKeyInfo) parser.readObject();
            var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            assertThat(sec1.getPublicKey()).isNotNull();
        }
    }

    @Test
    void makesARequestFromAnExistingRsaKey() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("agent"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        Path keyFile = Files.createFile(directory.resolve("agent.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));

        AgentKeys.Prepared prepared = new AgentKeys(directory).prepare("a");

        assertThat(prepared.keyMade()).isFalse();
        PKCS10CertificationRequest request = readRequest(prepared.request());
        assertThat(new JcaPKCS10CertificationRequest(request).getPublicKey()).isEqualTo(rsa.getPublic());
        assertSignedBy(request, rsa.getPrivate());
    }

    @Test
    void refusesAnExistingKeyOthersCanRead() throws Exception {
        AgentKeys keys = new AgentKeys(temp.resolve("agent"));
        keys.prepare("a");
        Files.setPosixFilePermissions(keys.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> keys.prepare("a"))
                .hasMessageContaining("can be read or changed by other users")
                .hasMessageContaining("chmod 600");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static PKCS10CertificationRequest readRequest(Path file) throws Exception {
        assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n");
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            return (PKCS10CertificationRequest) parser.readObject();
        }
    }

    /** The request's signature verifies, and its public key is the other half of {@code key}. */
    private static void assertSignedBy(PKCS10CertificationRequest request, PrivateKey key) throws Exception {
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.getSubjectPublicKeyInfo())))
                .isTrue();
        PublicKey publicKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] message = "pair check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(message);
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertThat(verifier.verify(signer.sign())).as("the request's key matches agent.key").isTrue();
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name subject, PublicKey key, PrivateKey signer, boolean authority)
            throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(authority ? subject : new X500Name("CN=Test CA"),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (!authority) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(signer)));
    }

    private static String pem(byte[] certificate) {
        return pem("CERTIFICATE", certificate);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
