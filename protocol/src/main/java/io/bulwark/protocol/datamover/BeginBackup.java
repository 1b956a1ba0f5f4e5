package io.bulwark.protocol.datamover;

/** BEGIN_BACKUP: the id the new restore point will have; the proxy chooses it at random. */
public record BeginBackup(byte[] pointId) implements Message {
    public static BeginBackup decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.BEGIN_BACKUP);
        BeginBackup begin = new BeginBackup(reader.fixed(DataMoverProtocol.POINT_ID_BYTES));
        reader.end();
        return begin;
    }

    @Override
    public FrameType type() {
        return FrameType.BEGIN_BACKUP;
    }

    @Override
    public byte[] encode() {
        return pointId.clone();
    }
}
