package io.bulwark.protocol.datamover;

/** NOTICE: something the repository agent wants the admin to know, such as that it waits for a prune. */
public record Notice(String message) implements Message {
    public static Notice decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.NOTICE);
        Notice notice = new Notice(reader.string());
        reader.end();
        return notice;
    }

    @Override
    public FrameType type() {
        return FrameType.NOTICE;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter().string(message).toByteArray();
    }
}
