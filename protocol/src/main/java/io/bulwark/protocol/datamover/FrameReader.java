package io.bulwark.protocol.datamover;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a stream. The length is checked against the frame type's limit before the
 * payload is read or any memory is set aside for it. One thread at a time.
 */
public final class FrameReader {
    private final DataInputStream in;
    private long bytesRead;

    public FrameReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /**
     * The next frame, or null when the peer closed the connection between frames.
     *
     * @throws ProtocolException when the type is unknown or the length beyond the type's limit
     * @throws EOFException      when the connection ends inside a frame
     */
    public Frame read() throws IOException {
        int code = in.read();
        if (code < 0) {
            return null;
        }
        FrameType type = FrameType.of(code);
        long length = in.readInt() & 0xffffffffL;
        if (length > type.maxPayload()) {
            throw new ProtocolException("a " + type + " frame of " + length + " bytes, more than the " + type.maxPayload()
                    + " such a frame may have");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        bytesRead += 5 + length;
        return new Frame(type, payload);
    }

    /** Bytes of whole frames read so far, headers included. */
    public long bytesRead() {
        return bytesRead;
    }
}
