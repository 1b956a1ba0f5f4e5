package io.bulwark.protocol.datamover;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a frame's payload field by field, in the layout {@link PayloadReader} reads. */
public final class PayloadWriter {
    private final ByteArrayOutputStream bytes;

    public PayloadWriter() {
        this(64);
    }

    public PayloadWriter(int expectedSize) {
        this.bytes = new ByteArrayOutputStream(expectedSize);
    }

    public PayloadWriter u8(int value) {
        bytes.write(value);
        return this;
    }

    public PayloadWriter u16(int value) {
        bytes.write(value >>> 8);
        bytes.write(value);
        return this;
    }

    public PayloadWriter u32(long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("not a u32: " + value);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes.write((int) (value >>> shift));
        }
        return this;
    }

    public PayloadWriter u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.write((int) (value >>> shift));
        }
        return this;
    }

    public PayloadWriter fixed(byte[] value) {
        bytes.writeBytes(value);
        return this;
    }

    public PayloadWriter file(byte[] value) {
        return u32(value.length).fixed(value);
    }

    public PayloadWriter string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > DataMoverProtocol.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("a text of " + utf8.length + " bytes is longer than the protocol allows");
        }
        return file(utf8);
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
