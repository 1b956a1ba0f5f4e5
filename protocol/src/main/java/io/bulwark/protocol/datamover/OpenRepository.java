package io.bulwark.protocol.datamover;

/**
 * OPEN: asks for a repository's public files. Since protocol 1.1 it may name the repository folder
 * on the agent's host, for an agent that serves several ({@code agent run}); an empty payload, all
 * that 1.0 knew, asks for the one repository an agent serves ({@code agent serve}). A proxy names a
 * folder only to an agent that answered WELCOME with minor version 1 or more: a 1.0 agent would
 * take the payload for a broken frame.
 *
 * @param path the repository folder on the agent's host, absolute; null for the agent's only one
 */
public record OpenRepository(String path) implements Message {
    /** The minor version that added the folder. */
    public static final int NAMES_FOLDER_SINCE_MINOR = 1;

    public static OpenRepository decode(Frame frame) throws ProtocolException {
        PayloadReader reader = Message.reader(frame, FrameType.OPEN);
        if (frame.payload().length == 0) {
            return new OpenRepository(null);
        }
        OpenRepository open = new OpenRepository(reader.string());
        reader.end();
        if (open.path.isEmpty()) {
            throw new ProtocolException("an OPEN frame naming an empty folder");
        }
        return open;
    }

    @Override
    public FrameType type() {
        return FrameType.OPEN;
    }

    @Override
    public byte[] encode() {
        return path == null ? new byte[0] : new PayloadWriter().string(path).toByteArray();
    }
}
