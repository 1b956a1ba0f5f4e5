package io.bulwark.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.protocol.datamover.BeginBackup;
import io.bulwark.protocol.datamover.Claim;
import io.bulwark.protocol.datamover.ClaimResult;
import io.bulwark.protocol.datamover.Commit;
import io.bulwark.protocol.datamover.DataMoverProtocol;
import io.bulwark.protocol.datamover.ErrorCode;
import io.bulwark.protocol.datamover.Failure;
import io.bulwark.protocol.datamover.Frame;
import io.bulwark.protocol.datamover.FrameReader;
import io.bulwark.protocol.datamover.FrameType;
import io.bulwark.protocol.datamover.FrameWriter;
import io.bulwark.protocol.datamover.GetTable;
import io.bulwark.protocol.datamover.Hello;
import io.bulwark.protocol.datamover.Notice;
import io.bulwark.protocol.datamover.PayloadWriter;
import io.bulwark.protocol.datamover.PointFile;
import io.bulwark.protocol.datamover.PointsEnd;
import io.bulwark.protocol.datamover.ProtocolException;
import io.bulwark.protocol.datamover.RepositoryFiles;
import io.bulwark.protocol.datamover.StoreBlob;
import io.bulwark.protocol.datamover.TableEnd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The data mover framing and payloads, without a network: round trips, and every limit. */
class FramingTest {
    private static final byte[] POINT = bytes(16, 7);

    @Test
    void everyMessageSurvivesTheWire() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(wire);
        writer.write(Hello.current(FrameType.HELLO, "Bulwark proxy ✓"));
        writer.write(new Failure(ErrorCode.STORAGE, "disk full"));
        writer.write(new Notice("waiting for a prune"));
        writer.write(FrameType.OPEN);
        writer.write(new RepositoryFiles("{}".getBytes(), bytes(300, 1)));
        writer.write(new BeginBackup(POINT));
        writer.write(new PointFile(POINT, bytes(90, 2)));
        writer.write(new PointsEnd(1));
        writer.write(new GetTable(POINT));
        writer.write(FrameType.TABLE_DATA, bytes(1000, 3), 10, 500);
        writer.write(new TableEnd(500));
        writer.write(new Claim(42, bytes(3 * 32, 4)));
        writer.write(new ClaimResult(42, new boolean[] {true, false, true, true, false, false, false, false, true, false,
                true}));
        writer.write(FrameType.STORE, StoreBlob.header(bytes(32, 5), 1, 1 << 20), bytes(700, 6), 100, 600);
        writer.write(new Commit(bytes(120, 8)));
        assertThat(writer.bytesWritten()).isEqualTo(wire.size());

        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire.toByteArray()));
        Hello hello = Hello.decode(reader.read());
        assertThat(hello.software()).isEqualTo("Bulwark proxy ✓");
        assertThat(hello.version()).isEqualTo(DataMoverProtocol.MAJOR_VERSION + "." + DataMoverProtocol.MINOR_VERSION);
        assertThat(Failure.decode(reader.read())).isEqualTo(new Failure(ErrorCode.STORAGE, "disk full"));
        assertThat(Notice.decode(reader.read()).message()).isEqualTo("waiting for a prune");
        assertThat(reader.read().type()).isEqualTo(FrameType.OPEN);
        RepositoryFiles files = RepositoryFiles.decode(reader.read());
        assertThat(files.config()).isEqualTo("{}".getBytes());
        assertThat(files.keyFile()).isEqualTo(bytes(300, 1));
        assertThat(BeginBackup.decode(reader.read()).pointId()).isEqualTo(POINT);
        PointFile point = PointFile.decode(reader.read());
        assertThat(point.pointId()).isEqualTo(POINT);
        assertThat(point.meta()).isEqualTo(bytes(90, 2));
        assertThat(PointsEnd.decode(reader.read()).count()).isEqualTo(1);
        assertThat(GetTable.decode(reader.read()).pointId()).isEqualTo(POINT);
        assertThat(reader.read().payload()).isEqualTo(Arrays.copyOfRange(bytes(1000, 3), 10, 510));
        assertThat(TableEnd.decode(reader.read()).length()).isEqualTo(500);
        Claim claim = Claim.decode(reader.read());
        assertThat(claim.requestId()).isEqualTo(42);
        assertThat(claim.count()).isEqualTo(3);
        assertThat(claim.fingerprints()).isEqualTo(bytes(3 * 32, 4));
        assertThat(ClaimResult.decode(reader.read()).send()).containsExactly(true, false, true, true, false, false, false,
                false, true, false, true);
        StoreBlob blob = StoreBlob.decode(reader.read());
        assertThat(blob.fingerprint()).isEqualTo(bytes(32, 5));
        assertThat(blob.codec()).isEqualTo(1);
        assertThat(blob.rawLength()).isEqualTo(1 << 20);
        assertThat(blob.sealed()).isEqualTo(Arrays.copyOfRange(bytes(700, 6), 100, 700));
        assertThat(Commit.decode(reader.read()).meta()).isEqualTo(bytes(120, 8));
        assertThat(reader.read()).as("the end of the stream between frames").isNull();
        assertThat(reader.bytesRead()).isEqualTo(wire.size());
    }

    @Test
    void aFrameLongerThanItsTypeAllowsIsRefusedBeforeItsPayloadIsRead() {
        // Nothing follows the header: a reader that tried to read 64 MiB would hit the end of the stream instead.
        byte[] header = {(byte) FrameType.CLAIM_RESULT.code(), 0, 0, 0x40, 0};
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(header)).read())
                .isInstanceOf(ProtocolException.class)
                .hasMessage("a CLAIM_RESULT frame of 16384 bytes, more than the " + FrameType.CLAIM_RESULT.maxPayload()
                        + " such a frame may have");
        byte[] beyondAnyFrame = {(byte) FrameType.STORE.code(), (byte) 0x80, 0, 0, 0};
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(beyondAnyFrame)).read())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("a STORE frame of 2147483648 bytes");
        for (FrameType type : FrameType.values()) {
            assertThat(type.maxPayload()).as(type.name()).isLessThanOrEqualTo(DataMoverProtocol.MAX_FRAME_BYTES);
        }
    }

    @Test
    void malformedFramesAreProtocolErrors() {
        assertThatThrownBy(() -> read(new byte[] {0x7f, 0, 0, 0, 0}))
                .isInstanceOf(ProtocolException.class).hasMessage("an unknown frame type 0x7f");
        assertThatThrownBy(() -> read(new byte[] {(byte) FrameType.NOTICE.code(), 0, 0, 0, 10, 1, 2}))
                .as("cut inside its payload").isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(new byte[] {(byte) FrameType.TABLE_END.code(), 0}))
                .as("cut inside its header").isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> PointsEnd.decode(frame(FrameType.POINTS_END, new byte[3])))
                .isInstanceOf(ProtocolException.class).hasMessage("a POINTS_END frame too short for its fields");
        assertThatThrownBy(() -> Notice.decode(frame(FrameType.NOTICE, new PayloadWriter().string("hi").u8(0).toByteArray())))
                .isInstanceOf(ProtocolException.class).hasMessage("a NOTICE frame with 1 unexpected bytes at its end");
        assertThatThrownBy(() -> Notice.decode(frame(FrameType.NOTICE, new PayloadWriter().u32(2).u8(0xc3).u8(0x28)
                .toByteArray())))
                .isInstanceOf(ProtocolException.class).hasMessage("a NOTICE frame whose text is not UTF-8");
        assertThatThrownBy(() -> Notice.decode(frame(FrameType.NOTICE, new PayloadWriter().u32(0xffffffffL).toByteArray())))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("a NOTICE frame whose length of the text is 4294967295, more than " + DataMoverProtocol.MAX_STRING_BYTES);
        assertThatThrownBy(() -> Claim.decode(frame(FrameType.CLAIM, new PayloadWriter().u32(1).u32(2).fixed(new byte[32])
                .toByteArray())))
                .as("announces two fingerprints, holds one").isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Hello.decode(frame(FrameType.HELLO, new PayloadWriter().fixed("BWRQ".getBytes()).u16(1)
                .u16(0).string("x").toByteArray())))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("not a Bulwark data mover");
    }

    @Test
    void theWriterRefusesWhatTheReaderWouldRefuse() {
        FrameWriter writer = new FrameWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.write(FrameType.TABLE_DATA, new byte[DataMoverProtocol.TABLE_CHUNK_BYTES + 1], 0,
                DataMoverProtocol.TABLE_CHUNK_BYTES + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Claim(1, new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notice("x".repeat(DataMoverProtocol.MAX_STRING_BYTES + 1)).encode())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsAndPortsParse() {
        assertThat(HostPort.fromRepositoryUri("bulwark://repo.example:6200")).isEqualTo(new HostPort("repo.example", 6200));
        assertThat(HostPort.fromRepositoryUri("bulwark://[::1]:6200/")).isEqualTo(new HostPort("::1", 6200));
        assertThat(new HostPort("::1", 6200)).hasToString("[::1]:6200");
        assertThat(HostPort.parse("0.0.0.0:2500")).isEqualTo(new HostPort("0.0.0.0", 2500));
        assertThatThrownBy(() -> HostPort.parse("::1:6200")).hasMessageContaining("an IPv6 address goes in brackets");
        assertThatThrownBy(() -> HostPort.parse("host:http")).hasMessageContaining("'http' in 'host:http' is not a port");
        assertThatThrownBy(() -> HostPort.parse("host:70000")).hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> HostPort.fromRepositoryUri("bulwark://host:1/repo")).hasMessageContaining("without a path");
    }

    private static Frame read(byte[] wire) throws IOException {
        InputStream in = new ByteArrayInputStream(wire);
        return new FrameReader(in).read();
    }

    private static Frame frame(FrameType type, byte[] payload) {
        return new Frame(type, payload);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }
}
