package io.bulwark.protocol.datamover;

/**
 * CLAIM: which of these blocks should the proxy send? {@code fingerprints} holds them one after
 * another, 32 bytes each.
 */
public record Claim(int requestId, byte[] fingerprints) implements Message {
    public Claim {
        if (fingerprints.length % DataMoverProtocol.FINGERPRINT_BYTES != 0
                || fingerprints.length / DataMoverProtocol.FINGERPRINT_BYTES > DataMoverProtocol.MAX_CLAIM_FINGERPRINTS) {
            throw new IllegalArgumentException("a claim holds whole fingerprints, at most "
                    + DataMoverProtocol.MAX_CLAIM_FINGERPRINTS);
        }
    }

    public static Claim decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.CLAIM);
        int requestId = reader.u32(Integer.MAX_VALUE, "request id");
        int count = reader.u32(DataMoverProtocol.MAX_CLAIM_FINGERPRINTS, "count");
        Claim claim = new Claim(requestId, reader.fixed(count * DataMoverProtocol.FINGERPRINT_BYTES));
        reader.end();
        return claim;
    }

    public int count() {
        return fingerprints.length / DataMoverProtocol.FINGERPRINT_BYTES;
    }

    @Override
    public FrameType type() {
        return FrameType.CLAIM;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter(8 + fingerprints.length).u32(requestId).u32(count()).fixed(fingerprints).toByteArray();
    }
}
