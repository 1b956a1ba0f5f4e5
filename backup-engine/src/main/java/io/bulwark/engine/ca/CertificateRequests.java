package io.bulwark.engine.ca;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Reads an agent's PKCS#10 certificate request and takes from it only what the agent alone can
 * give: its public key, once the request's signature proves the agent holds the private half.
 * The subject and extensions it asks for are ignored; the engine decides those.
 */
final class CertificateRequests {
    /** Far above any real request (a few hundred bytes); stops a runaway input early. */
    private static final int MAX_PEM_CHARS = 64 * 1024;
    private static final int MIN_RSA_BITS = 3072;
    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384");

    private CertificateRequests() {
    }

    /** The request's public key, after checking that the key is strong enough and signed the request. */
    static PublicKey verifiedKey(String pem) {
        PKCS10CertificationRequest request = parse(pem);
        checkStrength(request.getSubjectPublicKeyInfo());
        try {
            boolean valid = request.isSignatureValid(
                    new JcaContentVerifierProviderBuilder().build(request.getSubjectPublicKeyInfo()));
            if (!valid) {
                throw new RejectedCertificateRequestException("The certificate request is not signed by its key: it was "
                        + "altered after it was made, or made wrongly. Make it again on the agent's host "
                        + "(./bulwark agent keygen) and send it unchanged.");
            }
            return new JcaPKCS10CertificationRequest(request).getPublicKey();
        } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
            throw new RejectedCertificateRequestException("The certificate request's signature cannot be checked ("
                    + e.getMessage() + "). Make it again on the agent's host with ./bulwark agent keygen.", e);
        }
    }

    private static PKCS10CertificationRequest parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new RejectedCertificateRequestException("The certificate request is empty. Send the agent's agent.csr "
                    + "as made by ./bulwark agent keygen.");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new RejectedCertificateRequestException("The certificate request is " + pem.length() + " characters "
                    + "long; a real one is a few hundred. Send the agent's agent.csr as made by ./bulwark agent keygen.");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest request) {
                return request;
            }
            throw new RejectedCertificateRequestException("This is not a PEM certificate request (the text between "
                    + "-----BEGIN CERTIFICATE REQUEST----- and -----END CERTIFICATE REQUEST-----)"
                    + (object == null ? "" : ": it holds a " + object.getClass().getSimpleName())
                    + ". Send the agent's agent.csr as made by ./bulwark agent keygen.");
        } catch (IOException | IllegalArgumentException e) {
            throw new RejectedCertificateRequestException("The certificate request is not valid PEM ("
                    + e.getMessage() + "). Send the agent's agent.csr unchanged, as made by ./bulwark agent keygen.", e);
        }
    }

    /** EC on P-256 or P-384, or RSA of at least 3072 bits: what TLS 1.3 peers accept and stays strong for the certificate's ten years. */
    private static void checkStrength(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            if (key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve && CURVES.containsKey(curve)) {
                return;
            }
            throw rejected("an EC key on a curve other than P-256 or P-384 (" + key.getAlgorithm().getParameters() + ")");
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            int bits;
            try {
                bits = RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
            } catch (IOException | IllegalArgumentException e) {
                throw rejected("an RSA key that cannot be read (" + e.getMessage() + ")");
            }
            if (bits >= MIN_RSA_BITS) {
                return;
            }
            throw rejected("a " + bits + "-bit RSA key; RSA keys need at least " + MIN_RSA_BITS + " bits");
        }
        throw rejected("a key of the kind " + algorithm.getId());
    }

    private static RejectedCertificateRequestException rejected(String what) {
        return new RejectedCertificateRequestException("The certificate request carries " + what + ". The engine signs "
                + "EC P-256 or P-384 keys, or RSA keys of at least " + MIN_RSA_BITS + " bits; make the key again with "
                + "./bulwark agent keygen (EC P-256) on the agent's host.");
    }
}
