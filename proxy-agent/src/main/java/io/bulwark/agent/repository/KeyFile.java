package io.bulwark.agent.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key file, {@code keys/key.json}, version 1: the repository's 64 bytes of key material,
 * encrypted (AES-256-GCM) under a key derived from the password with Argon2id, and the password
 * hint. The repository id is authenticated with it, so a key file cannot be moved to another
 * repository. A wrong password fails authentication: it is refused, never used.
 *
 * @param kdf     the Argon2id parameters and salt used for this password
 * @param wrapped Base64 of nonce (12) + encrypted key material (64) + tag (16)
 */
public record KeyFile(int version, Kdf kdf, String wrapped, String hint, Instant created, Instant changed) {
    public static final int VERSION = 1;

    /**
     * Argon2id parameters, stored with each key file so that they can be raised later without
     * breaking older ones. The default, 64 MiB and 2 passes in one lane, is above OWASP's minimum
     * and costs about 150 ms here. More lanes would not help: Bouncy Castle computes them one after
     * another, so four lanes took 550 ms, for nothing an attacker with many cores would notice.
     */
    public record Kdf(String algorithm, int memoryKiB, int iterations, int parallelism, String salt) {
        static Kdf fresh() {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            return new Kdf("argon2id", PasswordKeys.MEMORY_KIB, PasswordKeys.ITERATIONS, PasswordKeys.PARALLELISM,
                    Base64.getEncoder().encodeToString(salt));
        }
    }

    /** Makes the key file of a new repository, with new random key material. */
    static KeyFile create(UUID repositoryId, byte[] material, String password, String hint, Instant now) {
        return wrap(repositoryId, material, password, hint, now, now);
    }

    /** The same key material under a new password: no block, index or restore point changes. */
    KeyFile rewrap(UUID repositoryId, String oldPassword, String newPassword, String newHint, Instant now)
            throws WrongPasswordException {
        return wrap(repositoryId, unwrap(repositoryId, oldPassword), newPassword, newHint, created, now);
    }

    byte[] unwrap(UUID repositoryId, String password) throws WrongPasswordException {
        if (version != VERSION || !"argon2id".equals(kdf.algorithm())) {
            throw new IllegalStateException("The key file has version " + version + " (" + kdf.algorithm()
                    + "); this Bulwark reads version " + VERSION + ". Use a newer Bulwark.");
        }
        byte[] sealed = Base64.getDecoder().decode(wrapped);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, derive(password, kdf), sealed, repositoryId);
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException(hint);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the key file", e);
        }
    }

    private static KeyFile wrap(UUID repositoryId, byte[] material, String password, String hint, Instant created,
                                Instant changed) {
        Kdf kdf = Kdf.fresh();
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, derive(password, kdf), nonce, repositoryId);
            byte[] sealed = cipher.doFinal(material);
            byte[] all = ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
            return new KeyFile(VERSION, kdf, Base64.getEncoder().encodeToString(all), hint, created, changed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap the repository key", e);
        }
    }

    private static Cipher cipher(int mode, byte[] kek, byte[] nonceSource, UUID repositoryId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonceSource, 0, 12));
        cipher.updateAAD(("bulwark-key-v1:" + repositoryId).getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    private static byte[] derive(String password, Kdf kdf) {
        return PasswordKeys.argon2id(password, Base64.getDecoder().decode(kdf.salt()), kdf.memoryKiB(), kdf.iterations(),
                kdf.parallelism());
    }

    static ObjectMapper json() {
        return ApiJson.mapper();
    }

    byte[] toJson() throws IOException {
        return json().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    static KeyFile fromJson(byte[] json) throws IOException {
        return json().readValue(json, KeyFile.class);
    }

    /** The password does not open the key file. */
    public static final class WrongPasswordException extends Exception {
        public WrongPasswordException(String hint) {
            super("Wrong repository password." + (hint == null || hint.isBlank() ? "" : " Hint: " + hint));
        }
    }
}
