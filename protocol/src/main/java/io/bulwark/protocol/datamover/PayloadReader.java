package io.bulwark.protocol.datamover;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one frame's payload, checking each length against what is left and against
 * its limit, so a malformed payload fails with a {@link ProtocolException} that names the frame.
 */
public final class PayloadReader {
    private final FrameType type;
    private final ByteBuffer buffer;

    PayloadReader(FrameType type, byte[] payload) {
        this.type = type;
        this.buffer = ByteBuffer.wrap(payload);
    }

    public int u8() throws ProtocolException {
        need(1);
        return buffer.get() & 0xff;
    }

    public int u16() throws ProtocolException {
        need(2);
        return buffer.getShort() & 0xffff;
    }

    /** A u32 that must not exceed {@code max}; returned as an int, since every limit fits one. */
    public int u32(int max, String what) throws ProtocolException {
        need(4);
        long value = buffer.getInt() & 0xffffffffL;
        if (value > max) {
            throw new ProtocolException("a " + type + " frame whose " + what + " is " + value + ", more than " + max);
        }
        return (int) value;
    }

    public long u64() throws ProtocolException {
        need(8);
        long value = buffer.getLong();
        if (value < 0) {
            throw new ProtocolException("a " + type + " frame with a length beyond 2^63");
        }
        return value;
    }

    public byte[] fixed(int length) throws ProtocolException {
        need(length);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** A length-prefixed byte string of at most {@code max} bytes. */
    public byte[] file(int max, String what) throws ProtocolException {
        return fixed(u32(max, "length of the " + what));
    }

    public String string() throws ProtocolException {
        byte[] bytes = file(DataMoverProtocol.MAX_STRING_BYTES, "text");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("a " + type + " frame whose text is not UTF-8");
        }
    }

    /** Where the rest of the payload starts; for a trailing field read in place. */
    public int position() {
        return buffer.position();
    }

    /** Checks that the whole payload was read: trailing bytes mean the peer and this side disagree. */
    public void end() throws ProtocolException {
        if (buffer.hasRemaining()) {
            throw new ProtocolException("a " + type + " frame with " + buffer.remaining() + " unexpected bytes at its end");
        }
    }

    private void need(int length) throws ProtocolException {
        if (length < 0 || buffer.remaining() < length) {
            throw new ProtocolException("a " + type + " frame too short for its fields");
        }
    }
}
