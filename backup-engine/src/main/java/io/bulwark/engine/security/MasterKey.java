package io.bulwark.engine.security;

import io.bulwark.engine.datadir.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key every secret the engine stores is encrypted under: credentials, repository passwords,
 * the TLS key store. It lives in {@code DIR/master.key}, readable by the owner only, and never in
 * the database, so a copy of the database alone reveals no secret.
 *
 * <p>File format, version 1: the line {@code bulwark-master-key v1}, then the 32-byte key in
 * Base64 on one line.
 *
 * <p>The database keeps a check value derived from the key. A missing, corrupt or different key
 * file stops the engine with a message: making a new key would silently orphan every stored
 * secret.
 */
public final class MasterKey {
    private static final String HEADER = "bulwark-master-key v1";
    private static final int KEY_BYTES = 32;

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    /**
     * Loads the key, or makes one when the database has never had one.
     *
     * @param expectedCheck the check value the database holds, or null on a new database
     */
    public static MasterKey open(DataDirectory directory, String expectedCheck) {
        Path file = directory.masterKeyFile();
        if (!Files.exists(file)) {
            if (expectedCheck != null) {
                throw new MasterKeyException("The master key file " + file + " is missing, but the configuration "
                        + "database holds secrets encrypted under it. Restore master.key from your backup of the data "
                        + "directory. Bulwark will not make a new key: it would make every stored credential unreadable.");
            }
            return create(directory, file);
        }
        MasterKey key = read(file);
        if (expectedCheck != null && !expectedCheck.equals(key.checkValue())) {
            throw new MasterKeyException("The master key file " + file + " does not belong to this configuration "
                    + "database: its secrets were encrypted under another key. Restore the master.key that was made "
                    + "with this database.");
        }
        return key;
    }

    private static MasterKey create(DataDirectory directory, Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String content = HEADER + "\n" + Base64.getEncoder().encodeToString(key) + "\n";
        directory.writeSecretFile(file, content.getBytes(StandardCharsets.US_ASCII), false);
        return new MasterKey(key);
    }

    /** Reads a key file as it is, checking nothing against a database: for opening configuration backups. */
    public static MasterKey read(Path file) {
        List<String> lines;
        try {
            if (DataDirectory.accessibleToOthers(file)) {
                throw new MasterKeyException("The master key file " + file + " can be read or changed by other users. "
                        + "Make it private to the engine's account (chmod 600 " + file + ") and start again.");
            }
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + file, e);
        }
        byte[] key = null;
        if (lines.size() >= 2 && HEADER.equals(lines.get(0).strip())) {
            try {
                key = Base64.getDecoder().decode(lines.get(1).strip());
            } catch (IllegalArgumentException notBase64) {
                key = null;
            }
        }
        if (key == null || key.length != KEY_BYTES) {
            throw new MasterKeyException("The master key file " + file + " is corrupt: it should hold the line '"
                    + HEADER + "' and a 32-byte key in Base64. Restore it from your backup of the data directory. "
                    + "Bulwark will not make a new key: it would make every stored credential unreadable.");
        }
        return new MasterKey(key);
    }

    /** A value that identifies this key without revealing it, kept in the database. */
    public String checkValue() {
        return Base64.getEncoder().encodeToString(derive("bulwark/master-key-check/v1"));
    }

    /** A 256-bit key for one purpose, derived so that no two purposes share a key. */
    public SecretKey derivedKey(String purpose) {
        return new SecretKeySpec(derive("bulwark/derived-key/" + purpose), "AES");
    }

    /** A password for one purpose (a key store, say), derived from the key. */
    public char[] derivedPassword(String purpose) {
        return Base64.getEncoder().withoutPadding().encodeToString(derive("bulwark/derived-password/" + purpose))
                .toCharArray();
    }

    private byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[check=" + checkValue().substring(0, 8) + "…]";
    }

    /** Overwrites the key in memory; for tests and shutdown. */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}
