package io.bulwark.agent.nbd;

import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_FLAG_DONE;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_BLOCK_STATUS;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_ERROR;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_ERROR_OFFSET;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_NONE;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_OFFSET_DATA;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REPLY_TYPE_OFFSET_HOLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Structured and simple replies as the spec allows servers to send them, and as it forbids. */
class ReplyChunksTest {
    private static final int EIO = 5;
    private final byte[] buffer = filled(20, 0x77);

    @Test
    void assemblesDataAndHoleChunksThatArriveInAnyOrder() throws IOException {
        PendingRead read = read(100, 16);
        read.onChunk(0, NBD_REPLY_TYPE_OFFSET_DATA, 16, dataChunk(108, filled(8, 0x22)));
        read.onChunk(0, NBD_REPLY_TYPE_OFFSET_HOLE, 12, holeChunk(104, 4));
        read.onChunk(0, NBD_REPLY_TYPE_OFFSET_DATA, 12, dataChunk(100, filled(4, 0x11)));
        assertThat(read.isDone()).isFalse();
        read.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_NONE, 0, empty());

        assertThat(read.isDone()).isTrue();
        assertThat(read.failure()).isNull();
        assertThat(buffer).isEqualTo(concat(filled(2, 0x77), filled(4, 0x11), filled(4, 0), filled(8, 0x22), filled(2, 0x77)));
    }

    @Test
    void aContentChunkMayBeTheFinalOne() throws IOException {
        PendingRead read = read(0, 8);
        read.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_OFFSET_DATA, 16, dataChunk(0, filled(8, 0x01)));
        assertThat(read.isDone()).isTrue();
        assertThat(read.failure()).isNull();
    }

    @Test
    void overlappingChunksBreakTheProtocol() throws IOException {
        PendingRead read = read(100, 16);
        read.onChunk(0, NBD_REPLY_TYPE_OFFSET_DATA, 16, dataChunk(104, filled(8, 1)));
        assertThatThrownBy(() -> read.onChunk(0, NBD_REPLY_TYPE_OFFSET_HOLE, 12, holeChunk(100, 5)))
                .isInstanceOf(ProtocolViolation.class).hasMessage("it sent byte 100 of a read twice");
        assertThatThrownBy(() -> read.onChunk(0, NBD_REPLY_TYPE_OFFSET_HOLE, 12, holeChunk(111, 2)))
                .isInstanceOf(ProtocolViolation.class).hasMessage("it sent byte 111 of a read twice");
    }

    @Test
    void chunksOutsideTheRequestBreakTheProtocol() {
        PendingRead read = read(100, 16);
        assertThatThrownBy(() -> read.onChunk(0, NBD_REPLY_TYPE_OFFSET_DATA, 12, dataChunk(98, filled(4, 1))))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("outside the read of 16 bytes at byte 100");
        assertThatThrownBy(() -> read.onChunk(0, NBD_REPLY_TYPE_OFFSET_HOLE, 12, holeChunk(110, 7)))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("outside the read");
        assertThatThrownBy(() -> read.onChunk(0, NBD_REPLY_TYPE_OFFSET_HOLE, 12, holeChunk(-1, 4)))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("at byte 18446744073709551615");
        assertThatThrownBy(() -> read.onChunk(0, NBD_REPLY_TYPE_OFFSET_HOLE, 12, holeChunk(100, 0)))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void doneBeforeEveryByteArrivedIsAShortRead() throws IOException {
        PendingRead read = read(100, 16);
        read.onChunk(0, NBD_REPLY_TYPE_OFFSET_DATA, 12, dataChunk(100, filled(4, 1)));
        read.onChunk(0, NBD_REPLY_TYPE_OFFSET_DATA, 16, dataChunk(108, filled(8, 1)));
        read.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_NONE, 0, empty());
        assertThat(read.failure()).isEqualTo("sent only 12 of the 16 bytes at byte 100 and said it was done (first missing byte: 104).");
    }

    @Test
    void anErrorChunkFailsTheReadWithTheServersWordsAndConsumesExactlyItsBytes() throws IOException {
        PendingRead read = read(100, 16);
        DataInputStream in = stream(out -> {
            out.writeInt(EIO);
            out.writeShort(12);
            out.write("disk on fire".getBytes(StandardCharsets.UTF_8));
            out.writeByte(0x42);
        });
        read.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_ERROR, 18, in);
        assertThat(read.failure()).isEqualTo("failed to read 16 bytes at byte 100: NBD_EIO (input/output error): disk on fire.");
        assertThat(in.readByte()).isEqualTo((byte) 0x42);
    }

    @Test
    void anErrorWithAnOffsetNamesTheByte() throws IOException {
        PendingRead read = read(100, 16);
        read.onChunk(0, NBD_REPLY_TYPE_ERROR_OFFSET, 14, stream(out -> {
            out.writeInt(EIO);
            out.writeShort(0);
            out.writeLong(108);
        }));
        read.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_NONE, 0, empty());
        assertThat(read.failure()).isEqualTo("failed to read 16 bytes at byte 100 (at byte 108): NBD_EIO (input/output error).");
    }

    @Test
    void anUnknownErrorTypeIsStillAnErrorAndItsExtraBytesAreSkipped() throws IOException {
        PendingRead read = read(100, 16);
        DataInputStream in = stream(out -> {
            out.writeInt(1234);
            out.writeShort(0);
            out.writeLong(0);
            out.writeByte(0x42);
        });
        read.onChunk(NBD_REPLY_FLAG_DONE, NbdProtocol.NBD_REPLY_TYPE_ERROR_BIT + 77, 14, in);
        assertThat(read.failure()).isEqualTo("failed to read 16 bytes at byte 100: error 1234.");
        assertThat(in.readByte()).isEqualTo((byte) 0x42);
    }

    @Test
    void anErrorMessageLongerThanItsChunkBreaksTheProtocol() {
        PendingRead read = read(100, 16);
        assertThatThrownBy(() -> read.onChunk(0, NBD_REPLY_TYPE_ERROR, 8, stream(out -> {
            out.writeInt(EIO);
            out.writeShort(3);
        }))).isInstanceOf(ProtocolViolation.class).hasMessage("its error message is longer than its chunk");
    }

    @Test
    void unknownContentTypesAndChunksAfterTheLastBreakTheProtocol() throws IOException {
        PendingRead read = read(0, 4);
        assertThatThrownBy(() -> read.onChunk(0, 99, 0, empty())).isInstanceOf(ProtocolViolation.class);
        read.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_OFFSET_DATA, 12, dataChunk(0, filled(4, 1)));
        assertThatThrownBy(() -> read.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_NONE, 0, empty()))
                .isInstanceOf(ProtocolViolation.class).hasMessage("it sent a chunk after the final one of a reply");
    }

    @Test
    void simpleRepliesCarryDataOnlyWithoutStructuredReplies() throws IOException {
        PendingRead simple = new PendingRead(1, 0, 4, buffer, 0, false);
        simple.onSimpleReply(0, new DataInputStream(new ByteArrayInputStream(filled(4, 0x33))));
        assertThat(simple.isDone()).isTrue();
        assertThat(Arrays.copyOf(buffer, 4)).containsOnly(0x33);

        PendingRead structured = read(0, 4);
        assertThatThrownBy(() -> structured.onSimpleReply(0, empty())).isInstanceOf(ProtocolViolation.class);
        PendingRead refused = read(0, 4);
        refused.onSimpleReply(22, empty());
        assertThat(refused.failure()).isEqualTo("failed to read 4 bytes at byte 0: NBD_EINVAL (invalid argument).");
    }

    @Test
    void blockStatusCollectsOneChunkPerContext() throws IOException {
        PendingBlockStatus status = new PendingBlockStatus(1, 0, 1 << 20, Set.of(1, 7));
        status.onChunk(0, NBD_REPLY_TYPE_BLOCK_STATUS, 20, statusChunk(7, 65536, 1, 4096, 0));
        status.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_BLOCK_STATUS, 12, statusChunk(1, 0xFFFF_F000L, 3));
        assertThat(status.failure()).isNull();
        assertThat(status.descriptors()).isEqualTo(Map.of(
                7, List.of(new StatusDescriptor(65536, 1), new StatusDescriptor(4096, 0)),
                1, List.of(new StatusDescriptor(0xFFFF_F000L, 3))));
    }

    @Test
    void blockStatusWithoutEveryContextOrWithStrangeOnesBreaksTheProtocol() throws IOException {
        PendingBlockStatus missing = new PendingBlockStatus(1, 0, 4096, Set.of(1, 7));
        missing.onChunk(0, NBD_REPLY_TYPE_BLOCK_STATUS, 12, statusChunk(1, 4096, 0));
        assertThatThrownBy(() -> missing.onChunk(NBD_REPLY_FLAG_DONE, NBD_REPLY_TYPE_NONE, 0, empty()))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("lacks a metadata context");

        PendingBlockStatus twice = new PendingBlockStatus(1, 0, 4096, Set.of(1));
        twice.onChunk(0, NBD_REPLY_TYPE_BLOCK_STATUS, 12, statusChunk(1, 4096, 0));
        assertThatThrownBy(() -> twice.onChunk(0, NBD_REPLY_TYPE_BLOCK_STATUS, 12, statusChunk(1, 4096, 0)))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("came twice");

        PendingBlockStatus zeroLength = new PendingBlockStatus(1, 0, 4096, Set.of(1));
        assertThatThrownBy(() -> zeroLength.onChunk(0, NBD_REPLY_TYPE_BLOCK_STATUS, 12, statusChunk(1, 0, 0)))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("length 0");

        PendingBlockStatus ragged = new PendingBlockStatus(1, 0, 4096, Set.of(1));
        assertThatThrownBy(() -> ragged.onChunk(0, NBD_REPLY_TYPE_BLOCK_STATUS, 10, empty()))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("block status chunk of 10 bytes");
    }

    @Test
    void blockStatusErrorsFailTheRequest() throws IOException {
        PendingBlockStatus status = new PendingBlockStatus(1, 4096, 8192, Set.of(1));
        status.onSimpleReply(22, empty());
        assertThat(status.isDone()).isTrue();
        assertThat(status.failure()).isEqualTo("failed to report the status of 8192 bytes at byte 4096: NBD_EINVAL (invalid argument).");
    }

    private PendingRead read(long offset, int length) {
        return new PendingRead(1, offset, length, buffer, 2, true);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static DataInputStream stream(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writer.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static DataInputStream empty() {
        return stream(out -> { });
    }

    private static DataInputStream dataChunk(long offset, byte[] data) {
        return stream(out -> {
            out.writeLong(offset);
            out.write(data);
        });
    }

    private static DataInputStream holeChunk(long offset, int length) {
        return stream(out -> {
            out.writeLong(offset);
            out.writeInt(length);
        });
    }

    /** A context id, then pairs of (length, flags). */
    private static DataInputStream statusChunk(int context, long... lengthsAndFlags) {
        return stream(out -> {
            out.writeInt(context);
            for (long value : lengthsAndFlags) {
                out.writeInt((int) value);
            }
        });
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
