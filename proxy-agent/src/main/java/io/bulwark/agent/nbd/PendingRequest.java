package io.bulwark.agent.nbd;

import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_FLAG_DONE;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_ERROR_BIT;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_ERROR_OFFSET;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_NONE;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A request that was sent and is not fully answered yet. The reply messages carrying its cookie
 * are handed to it as they arrive, possibly interleaved with those of other requests; each
 * handler consumes exactly the bytes of its message, so that the stream stays in step even when
 * the server reports an error.
 */
abstract sealed class PendingRequest permits PendingRead, PendingBlockStatus {
    final long cookie;
    private boolean done;
    private String failure;

    PendingRequest(long cookie) {
        this.cookie = cookie;
    }

    /** What the request does, completing "The NBD server URI failed to …". */
    abstract String purpose();

    /** Where the request stands, completing "… while …", should the connection fail. */
    abstract String activity();

    /** A simple reply; {@code in} is positioned after its header. */
    abstract void onSimpleReply(int error, DataInputStream in) throws IOException;

    /** A chunk of a type the request understands, other than NONE and the error types. */
    abstract void onContentChunk(int type, int length, DataInputStream in) throws IOException;

    /** Called once the final chunk arrived without any error: checks that the answer is whole. */
    abstract void checkComplete() throws ProtocolViolation;

    /** One chunk of a structured reply; {@code in} is positioned after its header. */
    final void onChunk(int flags, int type, int length, DataInputStream in) throws IOException {
        if (done) {
            throw new ProtocolViolation("it sent a chunk after the final one of a reply");
        }
        if ((type & NBD_REPLY_TYPE_ERROR_BIT) != 0) {
            readErrorChunk(type, length, in);
        } else if (type == NBD_REPLY_TYPE_NONE) {
            if (length != 0 || (flags & NBD_REPLY_FLAG_DONE) == 0) {
                throw new ProtocolViolation("it sent an NBD_REPLY_TYPE_NONE chunk that is not an empty final chunk");
            }
        } else {
            onContentChunk(type, length, in);
        }
        if ((flags & NBD_REPLY_FLAG_DONE) != 0) {
            complete();
        }
    }

    final boolean isDone() {
        return done;
    }

    /** Why the request failed, completing "The NBD server URI …"; null if it succeeded. */
    final String failure() {
        return failure;
    }

    final void complete() throws ProtocolViolation {
        done = true;
        if (failure == null) {
            checkComplete();
        }
    }

    /** Records the server's error; the first one is kept, later ones add nothing an admin needs. */
    final void fail(int error, String message, long atByte) {
        if (failure == null) {
            String where = atByte < 0 ? "" : " (at byte " + atByte + ")";
            String said = message.isEmpty() ? "" : ": " + message;
            failure = "failed to " + purpose() + where + ": " + NbdProtocol.errorName(error) + said + ".";
        }
    }

    final void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    private void readErrorChunk(int type, int length, DataInputStream in) throws IOException {
        if (length < 6) {
            throw new ProtocolViolation("it sent an error chunk of " + length + " bytes");
        }
        int error = in.readInt();
        int messageLength = in.readUnsignedShort();
        int rest = length - 6 - messageLength;
        if (rest < 0) {
            throw new ProtocolViolation("its error message is longer than its chunk");
        }
        String message = new String(in.readNBytes(messageLength), StandardCharsets.UTF_8).strip();
        long atByte = -1;
        if (type == NBD_REPLY_TYPE_ERROR_OFFSET) {
            if (rest != 8) {
                throw new ProtocolViolation("its NBD_REPLY_TYPE_ERROR_OFFSET chunk has " + rest + " bytes after the message, not 8");
            }
            atByte = in.readLong();
        } else {
            // NBD_REPLY_TYPE_ERROR, or an error type from a later spec: the common part is all we know.
            in.skipNBytes(rest);
        }
        fail(error == 0 ? 22 : error, message, atByte);
    }
}
