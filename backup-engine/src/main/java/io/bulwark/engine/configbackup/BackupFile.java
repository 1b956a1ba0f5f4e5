package io.bulwark.engine.configbackup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.agent.repository.PasswordKeys;
import io.bulwark.protocol.ApiJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The configuration backup file, format version 1 (see "Configuration backup file" in the
 * engine's README):
 *
 * <pre>
 * "BWCONFIG"  8 bytes, the magic
 * version     1 byte (1)
 * mode        1 byte: 1 password, 2 master key
 * length      4 bytes, big-endian: the header's length
 * header      JSON, UTF-8 ({@link BackupHeader}), readable without the password
 * nonce       12 bytes
 * sealed      AES-256-GCM of the gzipped JSON content ({@link BackupContent}), with its 16-byte tag;
 *             everything before the nonce is its associated data, so the header cannot be changed either
 * digest      32 bytes: SHA-256 of everything before it
 * </pre>
 *
 * The digest tells a damaged or truncated file from a wrong password before any key is derived;
 * the key check in the header tells a wrong password from a deliberately altered file, which
 * then fails the GCM tag. Nothing is ever returned that did not pass the tag.
 */
public final class BackupFile {
    static final byte[] MAGIC = "BWCONFIG".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    private static final int FIXED = MAGIC.length + 1 + 1 + 4;
    private static final int NONCE_BYTES = 12;
    private static final int DIGEST_BYTES = 32;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    /** The same Argon2id cost as a repository's key file. */
    static final BackupHeader.Kdf KDF = new BackupHeader.Kdf("argon2id", PasswordKeys.MEMORY_KIB, PasswordKeys.ITERATIONS,
            PasswordKeys.PARALLELISM);

    private static final ObjectMapper JSON = ApiJson.mapper();
    /** A later engine may add fields to the header; this one still shows what it knows of it. */
    private static final ObjectMapper HEADER_JSON = ApiJson.mapper().copy()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BackupFile() {
    }

    /** Who made the file and what it holds, for its header. */
    public record Origin(String schemaVersion, String engineVersion, Instant createdAt, String host, String database,
                         String hint) {
    }

    public static byte[] write(BackupContent content, Origin origin, Seal seal) {
        byte[] salt = new byte[16];
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        Keys keys = keys(seal, salt, seal instanceof Seal.Password ? KDF : null);
        byte[] plain = gzip(content);
        long sealedBytes = plain.length + 16L;
        BackupHeader header = new BackupHeader(seal.mode(), seal instanceof Seal.Password ? KDF : null,
                Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(keys.check()),
                origin.schemaVersion(), origin.engineVersion(), origin.createdAt(), origin.host(), origin.database(),
                origin.hint(), sealedBytes);
        byte[] headerJson = json(header);
        ByteBuffer prefix = ByteBuffer.allocate(FIXED + headerJson.length).put(MAGIC).put((byte) FORMAT_VERSION)
                .put((byte) seal.mode().code).putInt(headerJson.length).put(headerJson);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.key(), nonce);
            cipher.updateAAD(prefix.array());
            sealed = cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        ByteBuffer file = ByteBuffer.allocate(prefix.capacity() + NONCE_BYTES + sealed.length + DIGEST_BYTES)
                .put(prefix.array()).put(nonce).put(sealed);
        file.put(sha256(file.array(), file.position()));
        return file.array();
    }

    /**
     * The header, after checking that the file is whole; needs no password.
     *
     * @throws ConfigurationBackupException when the file is not a configuration backup, is damaged or truncated
     */
    public static BackupHeader header(byte[] file) {
        return parse(file).header();
    }

    /**
     * The content, decrypted and authenticated.
     *
     * @throws ConfigurationBackupException.WrongKey when the password or master key is not the one it was sealed with
     * @throws ConfigurationBackupException           when the file is damaged or was altered
     */
    public static BackupContent open(byte[] file, Seal seal) {
        Parsed parsed = parse(file);
        BackupHeader header = parsed.header();
        if (header.mode() != seal.mode()) {
            throw new ConfigurationBackupException.WrongKey(header.mode() == BackupHeader.Mode.PASSWORD
                    ? "This configuration backup is sealed with a password: give it with --password-file."
                    : "This configuration backup was made by the engine itself and is sealed with its data directory's "
                    + "master key, not a password: open it without --password-file, with --master-key FILE if it "
                    + "comes from another data directory.");
        }
        Keys keys = keys(seal, decode(header.salt(), "salt"), header.kdf());
        if (!MessageDigest.isEqual(keys.check(), decode(header.keyCheck(), "keyCheck"))) {
            throw new ConfigurationBackupException.WrongKey(seal instanceof Seal.Password
                    ? "Wrong password for this configuration backup." + (header.hint() == null || header.hint().isBlank()
                            ? "" : " Hint: " + header.hint())
                    : "This configuration backup is sealed with another master key than the one given: use the "
                    + "master.key of the data directory that made it (--master-key FILE).");
        }
        byte[] plain;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, keys.key(), Arrays.copyOfRange(file, parsed.sealedAt(),
                    parsed.sealedAt() + NONCE_BYTES));
            cipher.updateAAD(file, 0, parsed.sealedAt());
            plain = cipher.doFinal(file, parsed.sealedAt() + NONCE_BYTES, (int) header.sealedBytes());
        } catch (AEADBadTagException e) {
            throw new ConfigurationBackupException("This configuration backup was altered after it was written: its "
                    + "content does not authenticate. It cannot be trusted; use another copy.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(plain))) {
            return JSON.readValue(in, BackupContent.class);
        } catch (IOException e) {
            throw new ConfigurationBackupException("This configuration backup authenticates but its content cannot be "
                    + "read (" + e.getMessage() + "): it was written by a different format. Use the engine version "
                    + "that made it (" + header.engineVersion() + ").", e);
        }
    }

    private record Parsed(BackupHeader header, int sealedAt) {
    }

    private static Parsed parse(byte[] file) {
        if (file.length < FIXED || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ConfigurationBackupException("This is not a Bulwark configuration backup (it does not start with "
                    + "BWCONFIG).");
        }
        ByteBuffer buffer = ByteBuffer.wrap(file);
        buffer.position(MAGIC.length);
        int version = buffer.get() & 0xff;
        if (version != FORMAT_VERSION) {
            throw new ConfigurationBackupException("This configuration backup has format version " + version
                    + "; this engine reads version " + FORMAT_VERSION + ". Install the Bulwark version that made it.");
        }
        BackupHeader.Mode mode = BackupHeader.Mode.of(buffer.get() & 0xff);
        int headerLength = buffer.getInt();
        if (mode == null || headerLength <= 0 || headerLength > MAX_HEADER_BYTES
                || file.length < FIXED + headerLength + NONCE_BYTES + DIGEST_BYTES) {
            throw damaged(file.length);
        }
        BackupHeader header;
        try {
            header = HEADER_JSON.readValue(file, FIXED, headerLength, BackupHeader.class);
        } catch (IOException e) {
            throw damaged(file.length);
        }
        if (header.mode() != mode || header.sealedBytes() < 16) {
            throw damaged(file.length);
        }
        int sealedAt = FIXED + headerLength;
        long expected = sealedAt + NONCE_BYTES + header.sealedBytes() + DIGEST_BYTES;
        if (file.length < expected) {
            throw new ConfigurationBackupException("This configuration backup is truncated: it has " + file.length
                    + " bytes of the " + expected + " it was written with. Copy it again from where it was kept.");
        }
        if (file.length > expected) {
            throw new ConfigurationBackupException("This configuration backup has " + (file.length - expected)
                    + " bytes more than it was written with: it was damaged or altered. Use another copy.");
        }
        byte[] digest = sha256(file, file.length - DIGEST_BYTES);
        if (!Arrays.equals(digest, 0, DIGEST_BYTES, file, file.length - DIGEST_BYTES, file.length)) {
            throw damaged(file.length);
        }
        return new Parsed(header, sealedAt);
    }

    private static ConfigurationBackupException damaged(int length) {
        return new ConfigurationBackupException("This configuration backup is damaged (" + length + " bytes; its "
                + "checksum does not match): a byte was changed or the copy is incomplete. Use another copy.");
    }

    private record Keys(byte[] key, byte[] check) {
    }

    /** One secret from the password or master key, and from it the file's key and its check value. */
    private static Keys keys(Seal seal, byte[] salt, BackupHeader.Kdf kdf) {
        byte[] root = switch (seal) {
            case Seal.Password password -> argon2(password.password(), salt, kdf);
            case Seal.WithMasterKey master -> hmac(master.key().derivedKey("configuration-backup/v1").getEncoded(), salt);
        };
        byte[] check = Arrays.copyOf(hmac(root, "bulwark-configuration-backup/check".getBytes(StandardCharsets.US_ASCII)),
                16);
        return new Keys(hmac(root, "bulwark-configuration-backup/key".getBytes(StandardCharsets.US_ASCII)), check);
    }

    private static byte[] argon2(String password, byte[] salt, BackupHeader.Kdf kdf) {
        if (kdf == null || !"argon2id".equals(kdf.algorithm()) || kdf.memoryKiB() < 8 || kdf.memoryKiB() > 4 * 1024 * 1024
                || kdf.iterations() < 1 || kdf.iterations() > 100 || kdf.parallelism() < 1 || kdf.parallelism() > 64) {
            throw new ConfigurationBackupException("This configuration backup names a key derivation this engine does "
                    + "not use (" + kdf + "): it was damaged or altered.");
        }
        return PasswordKeys.argon2id(password, salt, kdf.memoryKiB(), kdf.iterations(), kdf.parallelism());
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        return cipher;
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, length);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigurationBackupException("This configuration backup's header has no valid " + field
                    + ": it was damaged or altered.");
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the configuration backup's header", e);
        }
    }

    private static byte[] gzip(BackupContent content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            JSON.writeValue(out, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the configuration backup's content", e);
        }
        return bytes.toByteArray();
    }
}
