package io.bulwark.protocol.datamover;

/** CLAIM_RESULT: for each fingerprint of the CLAIM with the same request id, whether to send the block. */
public record ClaimResult(int requestId, boolean[] send) implements Message {
    public static ClaimResult decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.CLAIM_RESULT);
        int requestId = reader.u32(Integer.MAX_VALUE, "request id");
        int count = reader.u32(DataMoverProtocol.MAX_CLAIM_FINGERPRINTS, "count");
        byte[] bitmap = reader.fixed((count + 7) / 8);
        reader.end();
        boolean[] send = new boolean[count];
        for (int i = 0; i < count; i++) {
            send[i] = (bitmap[i >>> 3] & (0x80 >>> (i & 7))) != 0;
        }
        return new ClaimResult(requestId, send);
    }

    @Override
    public FrameType type() {
        return FrameType.CLAIM_RESULT;
    }

    @Override
    public byte[] encode() {
        byte[] bitmap = new byte[(send.length + 7) / 8];
        for (int i = 0; i < send.length; i++) {
            if (send[i]) {
                bitmap[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return new PayloadWriter(8 + bitmap.length).u32(requestId).u32(send.length).fixed(bitmap).toByteArray();
    }
}
