package io.bulwark.protocol.datamover;

/** TABLE_END: the length of the table file whose TABLE_DATA frames came before, to check none was lost. */
public record TableEnd(long length) implements Message {
    public static TableEnd decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.TABLE_END);
        TableEnd end = new TableEnd(reader.u64());
        reader.end();
        return end;
    }

    @Override
    public FrameType type() {
        return FrameType.TABLE_END;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter().u64(length).toByteArray();
    }
}
