package io.bulwark.engine.tls;

import io.bulwark.engine.servers.ThisHost;
import java.math.BigInteger;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the engine's self-signed certificate with Bouncy Castle: an ECDSA P-256 key, valid for
 * ten years, naming this host's name, {@code localhost} and every address of this host, so
 * that tools which check names (curl with {@code --cacert}) accept it too.
 */
record SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {
    private static final Duration VALIDITY = Duration.ofDays(3650);

    static SelfSignedCertificate forThisHost() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();

        String hostname = ThisHost.hostname();
        // Most significant first in the encoding, so Java prints "CN=..., O=Bulwark" as people expect.
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Bulwark")
                .addRDN(BCStyle.CN, "Bulwark engine on " + hostname)
                .build();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            // Self-signed and used as its own trust anchor: OpenSSL wants CA:TRUE for that.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostname));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            certificate.verify(keys.getPublic());
            return new SelfSignedCertificate(certificate, keys.getPrivate());
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("Cannot build the engine certificate", e);
        }
    }

    private static GeneralNames alternativeNames(String hostname) {
        Set<String> dnsNames = new LinkedHashSet<>(List.of(hostname, "localhost"));
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        for (String address : addresses()) {
            names.add(new GeneralName(GeneralName.iPAddress, address));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static Set<String> addresses() {
        Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    nic.inetAddresses().forEach(a -> addresses.add(a.getHostAddress().replaceFirst("%.*$", "")));
                }
            }
        } catch (SocketException e) {
            // The loopback names above still let local tools check the name.
        }
        return addresses;
    }

}
