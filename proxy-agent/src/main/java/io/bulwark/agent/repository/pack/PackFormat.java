package io.bulwark.agent.repository.pack;

import java.nio.charset.StandardCharsets;

/**
 * Pack file format, version 1 ({@code packs/XX/<pack id>.pack}):
 * <pre>
 * header   32 bytes  "BWPACK01" | pack id (16) | reserved (8, zero)
 * records  repeated  fingerprint (32) | codec (1) | reserved (3) | raw length (u32) | stored length (u32)
 *                    | stored bytes: nonce (12) | ciphertext | GCM tag (16)
 * </pre>
 * All integers big-endian. Records carry their fingerprints, so a pack can be read without its
 * index, and an index can be rebuilt from the packs.
 */
public final class PackFormat {
    public static final byte[] MAGIC = "BWPACK01".getBytes(StandardCharsets.US_ASCII);
    public static final int HEADER_BYTES = 32;
    public static final int RECORD_HEADER_BYTES = 44;
    /** Packs are closed once they pass this size: small enough that a killed backup loses little. */
    public static final long TARGET_BYTES = 16L * 1024 * 1024;

    private PackFormat() {
    }
}
