package io.bulwark.agent.nbd;

import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_OFFSET_DATA;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_OFFSET_HOLE;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An NBD_CMD_READ: its reply is written straight into the caller's buffer. Structured replies may
 * come as several data and hole chunks in any order; they must not overlap and must together
 * cover the request before the server may call it done.
 */
final class PendingRead extends PendingRequest {
    private final long offset;
    private final int length;
    private final byte[] buffer;
    private final int bufferOffset;
    private final boolean structuredReplies;
    /** The parts received so far, start to end; a handful per request at most. */
    private final TreeMap<Long, Long> received = new TreeMap<>();
    private long receivedBytes;

    PendingRead(long cookie, long offset, int length, byte[] buffer, int bufferOffset, boolean structuredReplies) {
        super(cookie);
        this.offset = offset;
        this.length = length;
        this.buffer = buffer;
        this.bufferOffset = bufferOffset;
        this.structuredReplies = structuredReplies;
    }

    @Override
    String purpose() {
        return "read " + length + " bytes at byte " + offset;
    }

    @Override
    String activity() {
        return "reading byte " + (offset + firstMissing());
    }

    @Override
    void onSimpleReply(int error, DataInputStream in) throws IOException {
        if (error != 0) {
            fail(error, "", -1);
        } else if (structuredReplies) {
            // Data without chunk offsets cannot be placed: the stream is out of step from here on.
            throw new ProtocolViolation("it answered a read with a simple reply although structured replies were agreed");
        } else {
            in.readFully(buffer, bufferOffset, length);
            received.put(offset, offset + length);
            receivedBytes = length;
        }
        complete();
    }

    @Override
    void onContentChunk(int type, int chunkLength, DataInputStream in) throws IOException {
        switch (type) {
            case NBD_REPLY_TYPE_OFFSET_DATA -> {
                if (chunkLength < 9) {
                    throw new ProtocolViolation("it sent a data chunk of " + chunkLength + " bytes");
                }
                long at = in.readLong();
                int dataLength = chunkLength - 8;
                in.readFully(buffer, claim(at, dataLength), dataLength);
            }
            case NBD_REPLY_TYPE_OFFSET_HOLE -> {
                if (chunkLength != 12) {
                    throw new ProtocolViolation("it sent a hole chunk of " + chunkLength + " bytes, not 12");
                }
                long at = in.readLong();
                long holeLength = Integer.toUnsignedLong(in.readInt());
                int start = claim(at, holeLength);
                Arrays.fill(buffer, start, start + (int) holeLength, (byte) 0);
            }
            default -> throw new ProtocolViolation("it answered a read with a chunk of type " + type);
        }
    }

    @Override
    void checkComplete() {
        if (receivedBytes != length) {
            fail("sent only " + receivedBytes + " of the " + length + " bytes at byte " + offset
                    + " and said it was done (first missing byte: " + (offset + firstMissing()) + ").");
        }
    }

    /** Checks that a chunk lies inside the request and overlaps nothing received; returns where it goes in the buffer. */
    private int claim(long at, long chunkLength) throws ProtocolViolation {
        if (chunkLength <= 0 || at < offset || at - offset > length - chunkLength) {
            throw new ProtocolViolation("it sent " + chunkLength + " bytes at byte " + Long.toUnsignedString(at)
                    + ", outside the read of " + length + " bytes at byte " + offset);
        }
        Map.Entry<Long, Long> before = received.floorEntry(at);
        Map.Entry<Long, Long> after = received.ceilingEntry(at);
        if ((before != null && before.getValue() > at) || (after != null && after.getKey() < at + chunkLength)) {
            throw new ProtocolViolation("it sent byte " + at + " of a read twice");
        }
        received.put(at, at + chunkLength);
        receivedBytes += chunkLength;
        return bufferOffset + (int) (at - offset);
    }

    /** The first byte, relative to the request, not received yet. */
    private long firstMissing() {
        long next = offset;
        for (Map.Entry<Long, Long> part : received.entrySet()) {
            if (part.getKey() != next) {
                break;
            }
            next = part.getValue();
        }
        return next - offset;
    }
}
