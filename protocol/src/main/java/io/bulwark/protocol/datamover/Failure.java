package io.bulwark.protocol.datamover;

/** ERROR: why the sender ends the connection, in words for the admin. */
public record Failure(ErrorCode code, String message) implements Message {
    public static Failure decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.ERROR);
        Failure failure = new Failure(ErrorCode.of(reader.u16()), reader.string());
        reader.end();
        return failure;
    }

    @Override
    public FrameType type() {
        return FrameType.ERROR;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter().u16(code.code()).string(message).toByteArray();
    }
}
