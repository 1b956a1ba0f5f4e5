package io.bulwark.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.testing.DiskImages;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw image file's holes, as the file system reports them, on real sparse files. */
class RawFileSourceTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path temp;

    @Test
    void holesAreMappedAsZeroesAndDataAsData() throws Exception {
        Path file = DiskImages.createSparseRaw(temp.resolve("thin.raw"), 8L * MIB);
        DiskImages.writeRaw(file, MIB, filled(MIB / 2, (byte) 0x5a));
        DiskImages.writeRaw(file, 6L * MIB, filled(4096, (byte) 0x17));

        try (RawFileSource source = RawFileSource.open(file)) {
            List<Extent> extents = source.map(0, 8L * MIB);

            assertCoversExactly(extents, 0, 8L * MIB);
            assertThat(zeroAt(extents, 0)).as("the hole before the first write").isTrue();
            assertThat(zeroAt(extents, MIB)).isFalse();
            assertThat(zeroAt(extents, MIB + MIB / 2 - 1)).isFalse();
            assertThat(zeroAt(extents, 3L * MIB)).as("the hole between the writes").isTrue();
            assertThat(zeroAt(extents, 6L * MIB)).isFalse();
            assertThat(zeroAt(extents, 8L * MIB - 1)).as("the hole at the end").isTrue();
            long data = extents.stream().filter(e -> !e.zero()).mapToLong(Extent::length).sum();
            assertThat(data).as("only what was written is data").isLessThan(2L * MIB);
        }
    }

    @Test
    void aMapOfPartOfTheFileCoversJustThatPart() throws Exception {
        Path file = DiskImages.createSparseRaw(temp.resolve("thin.raw"), 8L * MIB);
        DiskImages.writeRaw(file, 2L * MIB, filled(2 * MIB, (byte) 1));

        try (RawFileSource source = RawFileSource.open(file)) {
            List<Extent> extents = source.map(3L * MIB, 2L * MIB);

            assertCoversExactly(extents, 3L * MIB, 2L * MIB);
            assertThat(zeroAt(extents, 3L * MIB)).isFalse();
            assertThat(zeroAt(extents, 4L * MIB)).isTrue();
        }
    }

    @Test
    void aFullyWrittenFileIsOneExtentOfData() throws Exception {
        Path file = DiskImages.createSparseRaw(temp.resolve("thick.raw"), 4L * MIB);
        DiskImages.writeRaw(file, 0, filled(4 * MIB, (byte) 7));

        try (RawFileSource source = RawFileSource.open(file)) {
            assertThat(source.map(0, 4L * MIB)).containsExactly(new Extent(0, 4L * MIB, false, true));
        }
    }

    @Test
    void aFileThatShrinksWhileItIsReadIsAnErrorNotAHole() throws Exception {
        Path file = DiskImages.createSparseRaw(temp.resolve("shrinking.raw"), 8L * MIB);
        DiskImages.writeRaw(file, 7L * MIB, filled(MIB, (byte) 3));

        try (RawFileSource source = RawFileSource.open(file)) {
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.setLength(2L * MIB);
            }
            List<Extent> extents = source.map(0, 8L * MIB);

            assertCoversExactly(extents, 0, 8L * MIB);
            assertThat(zeroAt(extents, 7L * MIB)).as("the missing end is data to read, not zeroes").isFalse();
            assertThatThrownBy(() -> source.read(7L * MIB, new byte[MIB], 0, MIB))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("shrank");
        }
    }

    private static void assertCoversExactly(List<Extent> extents, long offset, long length) {
        long position = offset;
        for (Extent extent : extents) {
            assertThat(extent.offset()).as("extents in order, without gaps").isEqualTo(position);
            position = extent.end();
        }
        assertThat(position).isEqualTo(offset + length);
    }

    private static boolean zeroAt(List<Extent> extents, long offset) {
        return extents.stream().filter(e -> e.offset() <= offset && offset < e.end()).findFirst().orElseThrow().zero();
    }

    private static byte[] filled(int length, byte value) {
        byte[] data = new byte[length];
        Arrays.fill(data, value);
        return data;
    }
}
