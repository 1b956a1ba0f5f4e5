package io.bulwark.engine.tls;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.protocol.tls.CertificateFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The engine's own TLS certificate, made on first start and kept in {@code DIR/tls/engine.p12}
 * (PKCS#12, its password derived from the master key). A copy of the certificate alone, in PEM,
 * goes to {@code DIR/tls/engine.crt} for tools such as {@code curl --cacert}.
 *
 * <p>Clients pin it by fingerprint on first contact, so it is made once and never renewed behind
 * the admins' backs: a new certificate would look exactly like an impostor.
 */
public final class EngineCertificate {
    static final String ALIAS = "engine";

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;

    private EngineCertificate(KeyStore keyStore, char[] password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
    }

    public static EngineCertificate loadOrCreate(DataDirectory directory, MasterKey masterKey) {
        Path file = directory.tls().resolve("engine.p12");
        char[] password = masterKey.derivedPassword("tls-keystore/v1");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                } catch (IOException e) {
                    throw new IllegalStateException("The engine's TLS key store " + file + " cannot be opened with this "
                            + "data directory's master key (" + e.getMessage() + "). Restore it with its master.key, or "
                            + "remove " + directory.tls() + " to make a new certificate; clients that pinned the old "
                            + "one will then refuse the engine until an admin accepts the new fingerprint.", e);
                }
            } else {
                SelfSignedCertificate made = SelfSignedCertificate.forThisHost();
                store.load(null, null);
                store.setKeyEntry(ALIAS, made.privateKey(), password, new X509Certificate[] {made.certificate()});
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (OutputStream out = bytes) {
                    store.store(out, password);
                }
                directory.writeSecretFile(file, bytes.toByteArray(), false);
                Files.writeString(directory.tls().resolve("engine.crt"), pem(made.certificate()), StandardCharsets.US_ASCII);
            }
            X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
            if (certificate == null) {
                throw new IllegalStateException("The TLS key store " + file + " holds no entry '" + ALIAS + "'.");
            }
            return new EngineCertificate(store, password, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up the engine's TLS certificate in " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up the engine's TLS certificate in " + file, e);
        }
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    public char[] keyStorePassword() {
        return password.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String fingerprint() {
        return CertificateFingerprint.sha256(certificate);
    }

    static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
