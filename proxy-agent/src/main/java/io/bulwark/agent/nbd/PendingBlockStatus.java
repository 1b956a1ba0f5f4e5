package io.bulwark.agent.nbd;

import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_BLOCK_STATUS;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An NBD_CMD_BLOCK_STATUS: one NBD_REPLY_TYPE_BLOCK_STATUS chunk per selected metadata context,
 * each a run of consecutive descriptors from the request's offset. A context may describe less
 * than was asked (the caller asks again from where it stopped) or run past the end.
 */
final class PendingBlockStatus extends PendingRequest {
    /** A million descriptors; qemu-nbd and nbdkit send far fewer, and more would only cost memory. */
    private static final int MAX_CHUNK = 8 * (1 << 20) + 4;

    private final long offset;
    private final int length;
    private final Set<Integer> contexts;
    private final Map<Integer, List<StatusDescriptor>> descriptors = new HashMap<>();

    PendingBlockStatus(long cookie, long offset, int length, Set<Integer> contexts) {
        super(cookie);
        this.offset = offset;
        this.length = length;
        this.contexts = contexts;
    }

    @Override
    String purpose() {
        return "report the status of " + Integer.toUnsignedString(length) + " bytes at byte " + offset;
    }

    @Override
    String activity() {
        return "asking for the status of byte " + offset;
    }

    /** The descriptors of each context id, once the reply is complete and successful. */
    Map<Integer, List<StatusDescriptor>> descriptors() {
        return descriptors;
    }

    @Override
    void onSimpleReply(int error, DataInputStream in) throws IOException {
        if (error == 0) {
            throw new ProtocolViolation("it answered NBD_CMD_BLOCK_STATUS with an empty simple reply");
        }
        fail(error, "", -1);
        complete();
    }

    @Override
    void onContentChunk(int type, int chunkLength, DataInputStream in) throws IOException {
        if (type != NBD_REPLY_TYPE_BLOCK_STATUS) {
            throw new ProtocolViolation("it answered NBD_CMD_BLOCK_STATUS with a chunk of type " + type);
        }
        if (chunkLength < 12 || chunkLength > MAX_CHUNK || (chunkLength - 4) % 8 != 0) {
            throw new ProtocolViolation("it sent a block status chunk of " + Integer.toUnsignedString(chunkLength) + " bytes");
        }
        int context = in.readInt();
        if (!contexts.contains(context) || descriptors.containsKey(context)) {
            throw new ProtocolViolation("it sent block status for context id " + context + ", which was not asked or came twice");
        }
        int count = (chunkLength - 4) / 8;
        List<StatusDescriptor> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long extentLength = Integer.toUnsignedLong(in.readInt());
            int flags = in.readInt();
            if (extentLength == 0) {
                throw new ProtocolViolation("it sent a block status descriptor of length 0");
            }
            list.add(new StatusDescriptor(extentLength, flags));
        }
        descriptors.put(context, list);
    }

    @Override
    void checkComplete() throws ProtocolViolation {
        if (!descriptors.keySet().equals(contexts)) {
            throw new ProtocolViolation("its block status reply lacks a metadata context: got ids " + descriptors.keySet()
                    + ", selected " + contexts);
        }
    }
}
