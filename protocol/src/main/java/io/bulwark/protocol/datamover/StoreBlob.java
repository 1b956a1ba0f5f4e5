package io.bulwark.protocol.datamover;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * STORE: one sealed block, exactly as it goes into a pack after its record header. The proxy
 * writes {@link #header} and the sealed bytes straight from its buffer, without copying them
 * together first.
 */
public record StoreBlob(byte[] fingerprint, int codec, int rawLength, byte[] sealed) {
    public static final int HEADER_BYTES = DataMoverProtocol.FINGERPRINT_BYTES + 1 + 4;

    public static byte[] header(byte[] fingerprint, int codec, int rawLength) {
        return ByteBuffer.allocate(HEADER_BYTES).put(fingerprint).put((byte) codec).putInt(rawLength).array();
    }

    public static StoreBlob decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.STORE);
        byte[] fingerprint = reader.fixed(DataMoverProtocol.FINGERPRINT_BYTES);
        int codec = reader.u8();
        int rawLength = reader.u32(Integer.MAX_VALUE, "raw length");
        byte[] sealed = Arrays.copyOfRange(frame.payload(), reader.position(), frame.payload().length);
        return new StoreBlob(fingerprint, codec, rawLength, sealed);
    }
}
