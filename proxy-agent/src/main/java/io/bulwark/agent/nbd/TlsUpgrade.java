package io.bulwark.agent.nbd;

import io.bulwark.agent.source.SourceException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The TLS handshake that follows NBD_OPT_STARTTLS: the server's certificate must chain to the
 * given CA and name the URI's host, exactly as for HTTPS; only TLS 1.2 and 1.3 are offered.
 */
final class TlsUpgrade {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsUpgrade() {
    }

    static SSLSocket handshake(Socket plain, NbdUri uri, NbdTls tls, NbdTimeouts timeouts) throws SourceException {
        SSLContext context = context(tls);
        try {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, uri.host(), uri.port(), true);
            socket.setUseClientMode(true);
            socket.setSoTimeout(timeouts.replyMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(PROTOCOLS);
            // "HTTPS" identification is RFC 2818/6125 matching of the host (DNS or IP) against subjectAltName.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            try {
                plain.close();
            } catch (IOException ignored) {
                // The handshake failure is what the admin needs to see.
            }
            throw new SourceException(failure(e, uri, tls), e);
        }
    }

    /** Turns the JDK's handshake exceptions into what an admin can act on. */
    static String failure(IOException e, NbdUri uri, NbdTls tls) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return "The NBD server " + uri + " presented a certificate that is not trusted: it was not issued by the CA in "
                        + tls.caCertificate() + " (or it has expired). Give the CA certificate that issued the server's certificate.";
            }
            if (cause instanceof CertificateException && cause.getMessage() != null
                    && (cause.getMessage().startsWith("No subject alternative") || cause.getMessage().startsWith("No name matching"))) {
                return "The NBD server " + uri + " presented a certificate that does not name " + uri.host()
                        + " in its subjectAltName; connect with the name the certificate was issued for. (" + cause.getMessage() + ")";
            }
        }
        String why = e instanceof SSLException ? e.getMessage() : "the connection was closed (" + e.getMessage() + ")";
        return "The TLS handshake with the NBD server " + uri + " failed: " + why + "." + clientCertificateHint(tls);
    }

    /**
     * In TLS 1.3 the client's handshake is over before the server has checked the client's
     * certificate; a server that refuses it closes the connection before its first answer.
     */
    static String refusedAfterHandshake(NbdUri uri, NbdTls tls) {
        return "The NBD server " + uri + " closed the TLS connection right after the handshake, which is how a TLS 1.3"
                + " server refuses a client certificate." + clientCertificateHint(tls);
    }

    private static String clientCertificateHint(NbdTls tls) {
        return tls.hasClientCertificate()
                ? " If the server verifies clients, check that it trusts the CA that issued " + tls.clientCertificate() + "."
                : " If the server verifies clients (qemu's verify-peer), give a client certificate and key.";
    }

    private static SSLContext context(NbdTls tls) throws SourceException {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int index = 0;
            for (Certificate ca : certificates(tls.caCertificate(), "CA certificate")) {
                trusted.setCertificateEntry("ca-" + index++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trusted);

            KeyManagerFactory keys = null;
            if (tls.hasClientCertificate()) {
                char[] password = new char[0];
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                Collection<? extends Certificate> chain = certificates(tls.clientCertificate(), "client certificate");
                identity.setKeyEntry("client", privateKey(tls.clientKey()), password, chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (SourceException e) {
            throw e;
        } catch (IOException | GeneralSecurityException e) {
            throw new SourceException("The TLS settings for NBD cannot be used: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file, String what) throws SourceException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new SourceException("The " + what + " file " + file + " does not exist.", e);
        } catch (IOException | CertificateException e) {
            throw new SourceException("The " + what + " file " + file + " cannot be read as PEM certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new SourceException("The " + what + " file " + file + " holds no PEM certificate.");
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file) throws SourceException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (NoSuchFileException e) {
            throw new SourceException("The client key file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new SourceException("The client key file " + file + " cannot be read: " + e.getMessage(), e);
        }
        throw new SourceException("The client key file " + file + " holds no unencrypted PEM private key"
                + " (encrypted keys are not supported: protect the file by its permissions instead).");
    }
}
