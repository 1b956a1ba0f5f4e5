package io.bulwark.protocol.datamover;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames to a stream, each whole and flushed. Thread-safe: frames from several threads
 * never interleave.
 */
public final class FrameWriter {
    private static final byte[] NOTHING = new byte[0];

    private final OutputStream out;
    private final byte[] header = new byte[5];
    private long bytesWritten;

    public FrameWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    public void write(Message message) throws IOException {
        write(message.type(), message.encode(), NOTHING, 0, 0);
    }

    /** A frame with an empty payload, such as OPEN or COMMITTED. */
    public void write(FrameType type) throws IOException {
        write(type, NOTHING, NOTHING, 0, 0);
    }

    /** A frame whose payload is {@code body[offset, offset + length)}, such as TABLE_DATA. */
    public void write(FrameType type, byte[] body, int offset, int length) throws IOException {
        write(type, NOTHING, body, offset, length);
    }

    /** A frame whose payload is {@code head} followed by {@code body[offset, offset + length)}, without copying them together. */
    public synchronized void write(FrameType type, byte[] head, byte[] body, int offset, int length) throws IOException {
        long payload = (long) head.length + length;
        if (payload > type.maxPayload()) {
            throw new IllegalArgumentException("a " + type + " frame of " + payload + " bytes is beyond the protocol's limit");
        }
        header[0] = (byte) type.code();
        header[1] = (byte) (payload >>> 24);
        header[2] = (byte) (payload >>> 16);
        header[3] = (byte) (payload >>> 8);
        header[4] = (byte) payload;
        out.write(header);
        out.write(head);
        out.write(body, offset, length);
        out.flush();
        bytesWritten += header.length + payload;
    }

    /** Bytes of whole frames written so far, headers included. */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }
}
