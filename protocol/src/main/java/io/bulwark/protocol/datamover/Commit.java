package io.bulwark.protocol.datamover;

/** COMMIT: the new restore point's metadata file, encrypted; its arrival in the repository is the commit. */
public record Commit(byte[] meta) implements Message {
    public static Commit decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.COMMIT);
        Commit commit = new Commit(reader.file(DataMoverProtocol.MAX_FILE_BYTES, "metadata file"));
        reader.end();
        return commit;
    }

    @Override
    public FrameType type() {
        return FrameType.COMMIT;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter(4 + meta.length).file(meta).toByteArray();
    }
}
