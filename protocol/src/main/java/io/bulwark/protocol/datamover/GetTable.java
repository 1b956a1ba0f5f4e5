package io.bulwark.protocol.datamover;

/** GET_TABLE: asks for a restore point's block table file, which comes as TABLE_DATA frames and TABLE_END. */
public record GetTable(byte[] pointId) implements Message {
    public static GetTable decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.GET_TABLE);
        GetTable request = new GetTable(reader.fixed(DataMoverProtocol.POINT_ID_BYTES));
        reader.end();
        return request;
    }

    @Override
    public FrameType type() {
        return FrameType.GET_TABLE;
    }

    @Override
    public byte[] encode() {
        return pointId.clone();
    }
}
