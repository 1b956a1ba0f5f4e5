package io.bulwark.agent.repository.points;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Restore point files, version 1.
 * <pre>
 * points/&lt;id&gt;.meta    "BWMETA01" | point id (16) | nonce (12) | AES-256-GCM(RestorePoint as JSON) | tag (16)
 *                      AAD: "bulwark-meta-v1" | point id
 * points/&lt;id&gt;.blocks  "BWBLKS01" | point id (16) | nonce prefix (8)
 *                      then segments: AES-256-GCM of up to 2048 records (64 KiB) each, + tag (16);
 *                      nonce: prefix | segment number (u32); AAD: "bulwark-blocks-v1" | point id |
 *                      segment number (u64) | 1 for the last segment, else 0
 *                      record: a block's fingerprint (32); all zero bits for a block of zeroes
 * </pre>
 * Segments make the table a stream: any disk size in bounded memory, and a reader can start at
 * any disk. The numbers and the last-segment flag stop segments being dropped, reordered or cut.
 * The meta file is written last: its arrival is the commit.
 */
public final class PointFormat {
    static final byte[] META_MAGIC = "BWMETA01".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BLOCKS_MAGIC = "BWBLKS01".getBytes(StandardCharsets.US_ASCII);
    static final int RECORD_BYTES = 32;
    static final int RECORDS_PER_SEGMENT = 2048;
    static final int SEGMENT_PLAIN_BYTES = RECORD_BYTES * RECORDS_PER_SEGMENT;
    static final int TAG_BYTES = 16;
    static final int SEGMENT_BYTES = SEGMENT_PLAIN_BYTES + TAG_BYTES;
    static final int BLOCKS_HEADER_BYTES = 8 + 16 + 8;

    private PointFormat() {
    }

    static Cipher segmentCipher(int mode, SecretKey key, byte[] noncePrefix, PointId id, long segment, boolean last)
            throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).put(noncePrefix).putInt((int) segment).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(ByteBuffer.allocate(17 + 16 + 8 + 1).put("bulwark-blocks-v1".getBytes(StandardCharsets.US_ASCII))
                .put(id.bytes()).putLong(segment).put((byte) (last ? 1 : 0)).array());
        return cipher;
    }

    static byte[] metaAad(PointId id) {
        return ByteBuffer.allocate(15 + 16).put("bulwark-meta-v1".getBytes(StandardCharsets.US_ASCII)).put(id.bytes()).array();
    }
}
