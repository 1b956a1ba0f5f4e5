package io.bulwark.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away certificate authority for TLS tests, made with Bouncy Castle: EC P-256 keys,
 * SHA-256 signatures, valid from an hour ago for a day. It writes PEM files, the form qemu, nbdkit,
 * openssl and {@code io.bulwark.agent.nbd.NbdTls} read.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(tempDir.resolve("pki"));
 * TestPki.Issued server = pki.issue("server", "127.0.0.1", "localhost");
 * TestPki.Issued client = pki.issue("agent");
 * Path qemuDir = pki.qemuServerCredentials("127.0.0.1");  // for --object tls-creds-x509,dir=...
 * }</pre>
 *
 * <p>Every certificate it issues serves both ends (extended key usage serverAuth and clientAuth),
 * so one {@link #issue} fits a server, a client, or a peer of mutual TLS.
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate and its private key, as PEM files; {@code certificate} also parsed. */
    public record Issued(Path certificatePath, Path keyPath, X509Certificate certificate, PrivateKey key) {
    }

    private final Path directory;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final Path caCertificatePath;
    private final AtomicInteger qemuDirectories = new AtomicInteger();

    private TestPki(Path directory, KeyPair caKeys, X509Certificate caCertificate, Path caCertificatePath) {
        this.directory = directory;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.caCertificatePath = caCertificatePath;
    }

    /** A new CA, its certificate written to {@code directory/ca-cert.pem}; the directory is created. */
    public static TestPki create(Path directory) {
        try {
            Files.createDirectories(directory);
            KeyPair keys = newKeyPair();
            X500Name name = new X500Name("CN=Bulwark test CA " + HexFormat.of().toHexDigits(RANDOM.nextInt()));
            X509v3CertificateBuilder builder = builder(name, name, keys);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            Path path = directory.resolve("ca-cert.pem");
            writePem(path, certificate);
            return new TestPki(directory, keys, certificate, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA certificate (PEM) that clients and servers trust. */
    public Path caCertificate() {
        return caCertificatePath;
    }

    /**
     * Issues a certificate for {@code name} (its common name, and the file names
     * {@code name-cert.pem} and {@code name-key.pem}, the key in unencrypted PKCS#8).
     *
     * @param subjectAltNames IP literals become IP address entries, anything else DNS names; a
     *                        TLS client checks the host it connected to against these
     */
    public Issued issue(String name, String... subjectAltNames) {
        return issue(name, directory.resolve(name + "-cert.pem"), directory.resolve(name + "-key.pem"), subjectAltNames);
    }

    /**
     * The directory qemu's {@code tls-creds-x509} object reads for {@code endpoint=server}:
     * {@code ca-cert.pem}, {@code server-cert.pem} and {@code server-key.pem}. With
     * {@code verify-peer=on}, qemu also asks clients for a certificate from this CA. Each call
     * makes a new directory with a new server certificate.
     */
    public Path qemuServerCredentials(String... subjectAltNames) {
        // A directory per call: a server reads its files at start, and several may run at once.
        Path qemu = directory.resolve("qemu-server-" + qemuDirectories.incrementAndGet());
        try {
            Files.createDirectories(qemu);
            Files.copy(caCertificatePath, qemu.resolve("ca-cert.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issue("server", qemu.resolve("server-cert.pem"), qemu.resolve("server-key.pem"), subjectAltNames);
        return qemu;
    }

    private Issued issue(String name, Path certificatePath, Path keyPath, String... subjectAltNames) {
        try {
            KeyPair keys = newKeyPair();
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()),
                    new X500Name("CN=" + name), keys);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            // qemu (GnuTLS) wants keyEncipherment too whenever the key usage extension is critical.
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
            if (subjectAltNames.length > 0) {
                GeneralName[] names = new GeneralName[subjectAltNames.length];
                for (int i = 0; i < names.length; i++) {
                    String san = subjectAltNames[i];
                    names[i] = isIpLiteral(san) ? new GeneralName(GeneralName.iPAddress, san) : new GeneralName(GeneralName.dNSName, san);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            X509Certificate certificate = sign(builder, caKeys.getPrivate());
            writePem(certificatePath, certificate);
            writePem(keyPath, new PemObject("PRIVATE KEY", pkcs8WithPublicKey(keys)));
            return new Issued(certificatePath, keyPath, certificate, keys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JDK encodes an EC private key without its public half, which GnuTLS (qemu, nbdkit) refuses
     * ("ASN1 parser: Element was not found"); openssl and Bouncy Castle include it, and so does this.
     */
    private static byte[] pkcs8WithPublicKey(KeyPair keys) throws IOException {
        BigInteger secret = ((ECPrivateKey) keys.getPrivate()).getS();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret, publicKey.getPublicKeyData(), null);
        return new PrivateKeyInfo(publicKey.getAlgorithm(), sec1).getEncoded();
    }

    private static boolean isIpLiteral(String name) {
        if (name.indexOf(':') >= 0) {
            return true;
        }
        if (!name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            // A dotted quad, which getByName parses without any lookup.
            InetAddress.getByName(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static void writePem(Path path, Object object) throws IOException {
        try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        }
    }
}
