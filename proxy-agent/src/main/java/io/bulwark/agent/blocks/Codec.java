package io.bulwark.agent.blocks;

/**
 * How a stored blob's plaintext is encoded, as written in pack record headers (one byte).
 * Both LZ4 codes decode with the same LZ4 block decoder; they differ only in how they were made.
 */
public enum Codec {
    RAW(0),
    LZ4(1),
    LZ4_HC(2);

    private final int code;

    Codec(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Codec of(int code) {
        for (Codec codec : values()) {
            if (codec.code == code) {
                return codec;
            }
        }
        throw new IllegalArgumentException("unknown codec " + code);
    }
}
