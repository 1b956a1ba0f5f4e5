package io.bulwark.engine.ca;

import io.bulwark.engine.datadir.DataDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The CA's key and the engine's client key, in {@code DIR/tls/ca.p12}: PKCS#12, owner-only, its
 * password derived from the master key, so the file alone (in a copy of the data directory, say)
 * signs nothing.
 */
final class AuthorityStore {
    static final String FILE_NAME = "ca.p12";
    static final String AUTHORITY_ALIAS = "ca";
    static final String CLIENT_ALIAS = "engine-client";

    private final DataDirectory directory;
    private final Path file;
    private final char[] password;

    AuthorityStore(DataDirectory directory, char[] password) {
        this.directory = directory;
        this.file = directory.tls().resolve(FILE_NAME);
        this.password = password.clone();
    }

    /** What the store holds; {@code client} is null when it has no engine client entry. */
    record Contents(Authority authority, ClientIdentity client) {
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    Contents read() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new IllegalStateException("The engine's certificate authority " + file + " cannot be opened with this "
                    + "data directory's master key (" + e.getMessage() + "). Restore ca.p12 together with the master.key "
                    + "it was made with. Bulwark will not make a new CA by itself: every agent trusts only this one, so "
                    + "a new CA would cut the engine off from all of them until each is deployed again.", e);
        }
        Key key = store.getKey(AUTHORITY_ALIAS, password);
        Certificate certificate = store.getCertificate(AUTHORITY_ALIAS);
        if (!(key instanceof PrivateKey authorityKey) || !(certificate instanceof X509Certificate authorityCertificate)) {
            throw new IllegalStateException("The key store " + file + " holds no CA key (entry '" + AUTHORITY_ALIAS
                    + "'). Restore ca.p12 from your backup of the data directory; Bulwark will not make a new CA by "
                    + "itself, because every agent trusts only the one that signed its certificate.");
        }
        return new Contents(new Authority(authorityKey, authorityCertificate), client(store));
    }

    void write(Authority authority, ClientIdentity client, boolean replace) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(AUTHORITY_ALIAS, authority.privateKey(), password, new Certificate[] {authority.certificate()});
        store.setKeyEntry(CLIENT_ALIAS, client.privateKey(), password, client.chain().toArray(Certificate[]::new));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        directory.writeSecretFile(file, bytes.toByteArray(), replace);
    }

    private ClientIdentity client(KeyStore store) throws GeneralSecurityException {
        if (!(store.getKey(CLIENT_ALIAS, password) instanceof PrivateKey key)) {
            return null;
        }
        Certificate[] chain = store.getCertificateChain(CLIENT_ALIAS);
        if (chain == null || chain.length == 0) {
            return null;
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : chain) {
            certificates.add((X509Certificate) certificate);
        }
        return new ClientIdentity(key, certificates);
    }
}
