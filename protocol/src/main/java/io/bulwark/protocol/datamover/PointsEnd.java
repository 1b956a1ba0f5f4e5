package io.bulwark.protocol.datamover;

/** POINTS_END: how many POINT frames came, so that the proxy knows none was lost. */
public record PointsEnd(int count) implements Message {
    public static PointsEnd decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.POINTS_END);
        PointsEnd end = new PointsEnd(reader.u32(Integer.MAX_VALUE, "count"));
        reader.end();
        return end;
    }

    @Override
    public FrameType type() {
        return FrameType.POINTS_END;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter().u32(count).toByteArray();
    }
}
