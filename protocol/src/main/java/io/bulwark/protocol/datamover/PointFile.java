package io.bulwark.protocol.datamover;

/** POINT: one restore point's metadata file, encrypted as stored. */
public record PointFile(byte[] pointId, byte[] meta) implements Message {
    public static PointFile decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.POINT);
        PointFile point = new PointFile(reader.fixed(DataMoverProtocol.POINT_ID_BYTES),
                reader.file(DataMoverProtocol.MAX_FILE_BYTES, "metadata file"));
        reader.end();
        return point;
    }

    @Override
    public FrameType type() {
        return FrameType.POINT;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter(20 + meta.length).fixed(pointId).file(meta).toByteArray();
    }
}
