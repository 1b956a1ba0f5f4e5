package io.bulwark.agent.repository.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.blocks.Fingerprint;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockTableTest {
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");

    @TempDir
    Path temp;

    @Test
    void readsBackEveryRecordAcrossSegmentsAndFromAnyRecord() throws Exception {
        PointId id = PointId.random();
        List<Fingerprint> written = write(id, PointFormat.RECORDS_PER_SEGMENT * 3 + 17);
        try (BlockTableReader reader = new BlockTableReader(temp.resolve("t"), KEY, id, written.size())) {
            for (Fingerprint expected : written) {
                assertThat(reader.next()).isEqualTo(expected);
            }
            assertThat(reader.hasNext()).isFalse();
            reader.seek(PointFormat.RECORDS_PER_SEGMENT * 2 + 5);
            assertThat(reader.next()).isEqualTo(written.get(PointFormat.RECORDS_PER_SEGMENT * 2 + 5));
        }
    }

    @Test
    void anEmptyTableIsOneEmptySegment() throws Exception {
        PointId id = PointId.random();
        write(id, 0);
        try (BlockTableReader reader = new BlockTableReader(temp.resolve("t"), KEY, id, 0)) {
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void aTruncatedTableOrOneOfAnotherPointIsRefused() throws Exception {
        PointId id = PointId.random();
        List<Fingerprint> written = write(id, PointFormat.RECORDS_PER_SEGMENT * 2);
        assertThatThrownBy(() -> new BlockTableReader(temp.resolve("t"), KEY, PointId.random(), written.size()))
                .isInstanceOf(BlockTableReader.DamagedTableException.class);
        assertThatThrownBy(() -> new BlockTableReader(temp.resolve("t"), KEY, id, PointFormat.RECORDS_PER_SEGMENT))
                .as("a table cut after its first segment").isInstanceOf(BlockTableReader.DamagedTableException.class);
    }

    @Test
    void aFlippedByteFailsAuthentication() throws Exception {
        PointId id = PointId.random();
        List<Fingerprint> written = write(id, 100);
        try (RandomAccessFile raw = new RandomAccessFile(temp.resolve("t").toFile(), "rw")) {
            raw.seek(PointFormat.BLOCKS_HEADER_BYTES + 40);
            int b = raw.read();
            raw.seek(PointFormat.BLOCKS_HEADER_BYTES + 40);
            raw.write(b ^ 1);
        }
        try (BlockTableReader reader = new BlockTableReader(temp.resolve("t"), KEY, id, written.size())) {
            assertThatThrownBy(reader::next).isInstanceOf(BlockTableReader.DamagedTableException.class)
                    .hasMessageContaining("fails authentication");
        }
    }

    private List<Fingerprint> write(PointId id, int records) throws Exception {
        Random random = new Random(records);
        List<Fingerprint> written = new ArrayList<>();
        try (BlockTableWriter writer = new BlockTableWriter(temp.resolve("t"), KEY, id)) {
            for (int i = 0; i < records; i++) {
                Fingerprint fingerprint = i % 7 == 0 ? Fingerprint.ZERO_BLOCK
                        : new Fingerprint(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
                writer.append(fingerprint);
                written.add(fingerprint);
            }
            writer.finish();
        }
        return written;
    }
}
