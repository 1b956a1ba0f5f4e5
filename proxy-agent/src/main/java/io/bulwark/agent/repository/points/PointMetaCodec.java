package io.bulwark.agent.repository.points;

import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a restore point's metadata into the content of its {@code .meta} file and opens it again
 * (the layout is in {@link PointFormat}). Bytes in, bytes out, so that a proxy seals what a
 * repository agent stores without the agent ever holding the key.
 */
public final class PointMetaCodec {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PointMetaCodec() {
    }

    public static byte[] seal(SecretKey key, RestorePoint point) throws IOException {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(PointFormat.metaAad(point.id()));
            byte[] sealed = cipher.doFinal(ApiJson.mapper().writeValueAsBytes(point));
            return ByteBuffer.allocate(8 + 16 + 12 + sealed.length).put(PointFormat.META_MAGIC).put(point.id().bytes())
                    .put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt restore point metadata", e);
        }
    }

    /** Opens the metadata file of point {@code id}; refuses one that is damaged or names another point. */
    public static RestorePoint open(SecretKey key, PointId id, byte[] sealed) throws PointStore.DamagedPointException {
        if (sealed.length < 8 + 16 + 12 + 16 || !Arrays.equals(Arrays.copyOf(sealed, 8), PointFormat.META_MAGIC)
                || !Arrays.equals(Arrays.copyOfRange(sealed, 8, 24), id.bytes())) {
            throw new PointStore.DamagedPointException(id, "its metadata file is not one");
        }
        RestorePoint point;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 24, 12));
            cipher.updateAAD(PointFormat.metaAad(id));
            byte[] json = cipher.doFinal(sealed, 36, sealed.length - 36);
            point = ApiJson.mapper().readValue(json, RestorePoint.class);
        } catch (AEADBadTagException e) {
            throw new PointStore.DamagedPointException(id, "its metadata fails authentication");
        } catch (GeneralSecurityException | IOException e) {
            throw new PointStore.DamagedPointException(id, "its metadata cannot be read: " + e.getMessage());
        }
        if (!point.id().equals(id)) {
            throw new PointStore.DamagedPointException(id, "its metadata names another point");
        }
        return point;
    }
}
