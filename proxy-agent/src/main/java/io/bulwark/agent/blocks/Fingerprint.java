package io.bulwark.agent.blocks;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A block's keyed fingerprint: HMAC-SHA-256 of its content under the repository's fingerprint
 * key. Four longs rather than a byte array, so fingerprints compare and hash by value, cheaply.
 * The all-zero fingerprint is reserved: restore point tables use it for a block of zeroes.
 */
public record Fingerprint(long a, long b, long c, long d) implements Comparable<Fingerprint> {
    public static final int BYTES = 32;
    public static final Fingerprint ZERO_BLOCK = new Fingerprint(0, 0, 0, 0);

    public static Fingerprint of(byte[] bytes, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, BYTES);
        return new Fingerprint(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    public static Fingerprint read(ByteBuffer buffer) {
        return new Fingerprint(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    public void write(ByteBuffer buffer) {
        buffer.putLong(a).putLong(b).putLong(c).putLong(d);
    }

    public byte[] bytes() {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        write(buffer);
        return buffer.array();
    }

    public boolean isZeroBlock() {
        return equals(ZERO_BLOCK);
    }

    /** Unsigned, byte by byte: the order of index files. */
    @Override
    public int compareTo(Fingerprint other) {
        int order = Long.compareUnsigned(a, other.a);
        if (order == 0) {
            order = Long.compareUnsigned(b, other.b);
        }
        if (order == 0) {
            order = Long.compareUnsigned(c, other.c);
        }
        return order != 0 ? order : Long.compareUnsigned(d, other.d);
    }

    @Override
    public int hashCode() {
        return (int) (a ^ (a >>> 32));
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes());
    }

    /** The first 12 hex digits, enough to tell blocks apart in a message. */
    public String shortForm() {
        return toString().substring(0, 12);
    }
}
