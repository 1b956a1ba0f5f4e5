package io.bulwark.agent.repository.pack;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A pack file's name: 128 random bits, so writers on any host need no coordination. */
public record PackId(long high, long low) {
    public static final int BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static PackId random() {
        return new PackId(RANDOM.nextLong(), RANDOM.nextLong());
    }

    public static PackId read(ByteBuffer buffer) {
        return new PackId(buffer.getLong(), buffer.getLong());
    }

    public static PackId parse(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("not a pack id: " + hex);
        }
        return read(ByteBuffer.wrap(bytes));
    }

    public void write(ByteBuffer buffer) {
        buffer.putLong(high).putLong(low);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(ByteBuffer.allocate(BYTES).putLong(high).putLong(low).array());
    }
}
