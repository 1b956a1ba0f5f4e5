package io.bulwark.protocol.datamover;

/**
 * REPOSITORY: the repository's config and its key file, byte for byte as stored. The key file is
 * wrapped under the password, which only the proxy knows.
 */
public record RepositoryFiles(byte[] config, byte[] keyFile) implements Message {
    public static RepositoryFiles decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.REPOSITORY);
        RepositoryFiles files = new RepositoryFiles(reader.file(DataMoverProtocol.MAX_FILE_BYTES, "config"),
                reader.file(DataMoverProtocol.MAX_FILE_BYTES, "key file"));
        reader.end();
        return files;
    }

    @Override
    public FrameType type() {
        return FrameType.REPOSITORY;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter(8 + config.length + keyFile.length).file(config).file(keyFile).toByteArray();
    }
}
