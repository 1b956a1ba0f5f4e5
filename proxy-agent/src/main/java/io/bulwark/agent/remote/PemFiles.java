package io.bulwark.agent.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads the PEM files of {@link TlsMaterial}, with messages that name the file and the option it came from. */
final class PemFiles {
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private PemFiles() {
    }

    /** The certificates in a PEM file, in file order; at least one. */
    static List<X509Certificate> certificates(Path file, String option) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException("The file " + file + " (" + option + ") holds no PEM certificate.");
            }
            return certificates;
        } catch (NoSuchFileException e) {
            throw new IOException("The certificate file " + file + " (" + option + ") does not exist.", e);
        } catch (CertificateException e) {
            throw new IOException("The file " + file + " (" + option + ") is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** The unencrypted private key in a PEM file: PKCS#8, or the traditional EC or RSA form. */
    static PrivateKey privateKey(Path file) throws IOException {
        PrivateKey pkcs8 = pkcs8Key(file);
        return pkcs8 != null ? pkcs8 : traditionalKey(file);
    }

    /**
     * A PKCS#8 key, the form the agent's own keygen writes, read by the JDK alone: Bouncy Castle's
     * PEM parser loads its whole algorithm registry, which costs a starting agent half a second.
     * Null when the file holds no PKCS#8 block or the JDK does not know its algorithm.
     */
    private static PrivateKey pkcs8Key(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IOException("The key file " + file + " (--key) does not exist.", e);
        } catch (IOException e) {
            throw new IOException("The key file " + file + " (--key) cannot be read: " + e.getMessage(), e);
        }
        int begin = text.indexOf(PKCS8_BEGIN);
        int end = text.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            return null;
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            return null;
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        return null;
    }

    private static PrivateKey traditionalKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException("The key file " + file + " (--key) does not exist.", e);
        } catch (IOException e) {
            throw new IOException("The key file " + file + " (--key) cannot be read: " + e.getMessage(), e);
        }
        throw new IOException("The key file " + file + " (--key) holds no unencrypted PEM private key"
                + " (encrypted keys are not supported: protect the file by its permissions instead).");
    }

    /** Checks that {@code key} is the private half of {@code certificate}'s key, by signing and verifying a test message. */
    static void checkPair(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IOException("The key in " + keyFile + " is " + key.getAlgorithm() + "; use an EC or RSA key.");
        };
        byte[] message = "bulwark key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's also lands here
        }
        throw new IOException("The key in " + keyFile + " (--key) does not belong to the certificate in " + certificateFile
                + " (--cert).");
    }
}
