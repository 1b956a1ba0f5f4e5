package io.bulwark.agent.repository;

import io.bulwark.agent.blocks.BlockCodec;
import io.bulwark.agent.blocks.Fingerprinter;
import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The repository's data keys, unwrapped from its key file: one encrypts blobs and restore points,
 * the other keys the fingerprints. Both are random and never change; a new password only wraps
 * them anew.
 */
public final class RepositoryKeys {
    static final int MATERIAL_BYTES = 64;

    private final SecretKey encryption;
    private final SecretKey fingerprint;

    RepositoryKeys(byte[] material) {
        if (material.length != MATERIAL_BYTES) {
            throw new IllegalArgumentException("key material must be " + MATERIAL_BYTES + " bytes");
        }
        this.encryption = new SecretKeySpec(Arrays.copyOfRange(material, 0, 32), "AES");
        this.fingerprint = new SecretKeySpec(Arrays.copyOfRange(material, 32, 64), "HmacSHA256");
    }

    /**
     * Unwraps the keys from a key file's content with the password. Where the key file came from
     * does not matter: a proxy unwraps the one a repository agent sent it, and the password never
     * leaves the proxy.
     */
    public static RepositoryKeys unlock(UUID repositoryId, byte[] keyFileJson, String password)
            throws IOException, KeyFile.WrongPasswordException {
        return new RepositoryKeys(KeyFile.fromJson(keyFileJson).unwrap(repositoryId, password));
    }

    public SecretKey encryptionKey() {
        return encryption;
    }

    public BlockCodec newCodec() {
        return new BlockCodec(encryption);
    }

    public Fingerprinter newFingerprinter() {
        return new Fingerprinter(fingerprint);
    }

    @Override
    public String toString() {
        return "RepositoryKeys[(hidden)]";
    }
}
