package io.bulwark.engine.ca;

import io.bulwark.engine.entities.IpLiterals;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
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
 * Makes the certificates of the engine's CA with Bouncy Castle: the CA's own, the engine's client
 * certificate, and agents' certificates. Every name and extension is decided here, never taken
 * from a request.
 */
final class CertificateIssuer {
    /** Long enough to outlast any installation: replacing the CA means re-deploying every agent. */
    static final int AUTHORITY_YEARS = 20;
    static final int LEAF_YEARS = 10;
    /** Certificates start an hour early so that a host whose clock is a little behind still accepts them. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    /** P-384 for a root that lives twenty years; its signatures are SHA-384, as the curve's strength asks. */
    private static final String AUTHORITY_CURVE = "secp384r1";
    private static final String SIGNATURE = "SHA384withECDSA";

    private final Clock clock;
    private final SecureRandom random;

    CertificateIssuer(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    Authority newAuthority(String hostname) throws GeneralSecurityException {
        KeyPair keys = ecKeyPair(AUTHORITY_CURVE);
        X500Name subject = name("Bulwark engine CA " + hostname);
        Instant now = clock.instant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(yearsAfter(now, AUTHORITY_YEARS)), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            // pathLen 0: this CA signs agents and the engine only, never another CA.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (IOException e) {
            throw new GeneralSecurityException("Cannot encode the CA certificate's extensions", e);
        }
        X509Certificate certificate = sign(builder, keys.getPrivate());
        certificate.verify(keys.getPublic());
        return new Authority(keys.getPrivate(), certificate);
    }

    /** A fresh P-256 key and its certificate for the engine's end of the control channel. */
    ClientIdentity newEngineClient(Authority authority) throws GeneralSecurityException {
        KeyPair keys = ecKeyPair("secp256r1");
        X509v3CertificateBuilder builder = leaf(authority, name("Bulwark engine"), keys.getPublic());
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        } catch (IOException e) {
            throw new GeneralSecurityException("Cannot encode the engine client certificate's extensions", e);
        }
        X509Certificate certificate = sign(builder, authority.privateKey());
        return new ClientIdentity(keys.getPrivate(), List.of(certificate, authority.certificate()));
    }

    /**
     * An agent's certificate for a key the agent made and proved it holds. It serves both ends of
     * mutual TLS (the agent listens for the engine and may dial other agents), and names the
     * server's address so that the engine's check of the host it dialled passes only for it.
     */
    X509Certificate agent(Authority authority, PublicKey key, AgentIdentity identity) throws GeneralSecurityException {
        X509v3CertificateBuilder builder = leaf(authority, name(identity.serverName()), key);
        // keyAgreement matters only for EC keys; an RSA key in TLS 1.3 signs and nothing else.
        int usage = KeyUsage.digitalSignature | ("EC".equals(key.getAlgorithm()) ? KeyUsage.keyAgreement : 0);
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(address(identity.address())));
        } catch (IOException e) {
            throw new GeneralSecurityException("Cannot encode the agent certificate's extensions", e);
        }
        return sign(builder, authority.privateKey());
    }

    private X509v3CertificateBuilder leaf(Authority authority, X500Name subject, PublicKey key)
            throws GeneralSecurityException {
        Instant now = clock.instant();
        // A certificate outliving its CA would be refused anyway; ending with it keeps the dates honest.
        Instant notAfter = yearsAfter(now, LEAF_YEARS);
        Instant authorityEnds = authority.certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(authorityEnds)) {
            notAfter = authorityEnds;
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(authority.certificate(), serialNumber(),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, key);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            // Key identifier only, without the CA's name and serial: the link then survives a
            // re-issued CA certificate for the same key.
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(authority.certificate().getPublicKey()));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        } catch (IOException e) {
            throw new GeneralSecurityException("Cannot encode the certificate's key identifiers", e);
        }
        return builder;
    }

    /** An IP address entry for an IP literal (TLS compares those as addresses), a DNS name otherwise. */
    static GeneralName address(String address) {
        if (IpLiterals.valid(address)) {
            return new GeneralName(GeneralName.iPAddress, new DEROctetString(IpLiterals.parse(address).getAddress()));
        }
        // "host.example." and "host.example" are one name; certificates carry it without the root dot.
        String name = address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static X500Name name(String commonName) {
        // Most significant first in the encoding, so Java prints "CN=..., O=Bulwark" as people expect.
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Bulwark").addRDN(BCStyle.CN, commonName).build();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign with the CA key (" + e.getMessage() + ")", e);
        }
    }

    private KeyPair ecKeyPair(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), random);
        return generator.generateKeyPair();
    }

    /** A random positive serial of up to 128 bits, so that no two certificates of this CA share one. */
    private BigInteger serialNumber() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    private static Instant yearsAfter(Instant start, int years) {
        return start.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }
}
