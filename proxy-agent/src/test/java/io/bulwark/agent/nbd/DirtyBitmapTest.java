package io.bulwark.agent.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.source.Extent;
import io.bulwark.agent.source.SourceException;
import io.bulwark.agent.testing.DiskImages;
import io.bulwark.agent.testing.NbdServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changed block tracking through a persistent qcow2 dirty bitmap exported by qemu-nbd, the way an
 * incremental backup of a KVM guest sees it.
 */
class DirtyBitmapTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long SIZE = 64 * MIB;
    /** qemu's default bitmap granularity: a write of one byte marks 64 KiB dirty. */
    private static final long GRANULARITY = 64 * KIB;

    @TempDir
    static Path directory;
    private static NbdServer server;

    @BeforeAll
    static void serve() {
        Path image = DiskImages.createQcow2(directory.resolve("disk.qcow2"), SIZE);
        DiskImages.qemuIo(image, "qcow2", "write -P 0x5a 0 1M");
        DiskImages.addBitmap(image, "since-monday");
        // 8 KiB of data inside the cluster at 8 MiB, and 64 KiB of zeroes at 16 MiB.
        DiskImages.qemuIo(image, "qcow2", "write -P 0x11 8196k 8k", "write -z 16M 64k");
        server = NbdServer.qemuNbd(image).format("qcow2").bitmap("since-monday").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void marksExactlyTheWrittenGranulesDirty() throws Exception {
        try (NbdSource disk = NbdSource.open(server.uri(), null, "since-monday")) {
            assertThat(disk.tracksChanges()).isTrue();
            List<Extent> extents = disk.map(0, SIZE);

            assertCoversExactly(extents, 0, SIZE);
            assertThat(ranges(extents, Extent::dirty)).containsExactly(
                    new long[] {8 * MIB, 8 * MIB + GRANULARITY},
                    new long[] {16 * MIB, 16 * MIB + GRANULARITY});
            // The zero write is a change that needs no data: zero and dirty.
            assertThat(ranges(extents, e -> e.zero() && e.dirty())).contains(new long[] {16 * MIB, 16 * MIB + GRANULARITY});
            // The 8 KiB written are data (qemu may report the rest of their cluster as zeroes).
            assertThat(ranges(extents, e -> !e.zero() && e.dirty()))
                    .anySatisfy(range -> assertThat(range[0] <= 8 * MIB + 4 * KIB && range[1] >= 8 * MIB + 12 * KIB).isTrue());
            // What was there before the bitmap is clean: the data as data, the rest as zeroes.
            assertThat(ranges(extents, e -> !e.zero() && !e.dirty())).containsExactly(new long[] {0, MIB});
            assertThat(ranges(extents, e -> e.zero() && !e.dirty())).containsExactly(
                    new long[] {MIB, 8 * MIB},
                    new long[] {8 * MIB + GRANULARITY, 16 * MIB},
                    new long[] {16 * MIB + GRANULARITY, SIZE});
        }
    }

    @Test
    void mapOfARangeInsideAGranuleIsClippedToIt() throws Exception {
        try (NbdSource disk = NbdSource.open(server.uri(), null, "since-monday")) {
            assertThat(disk.map(16 * MIB + 100, 1000)).containsExactly(new Extent(16 * MIB + 100, 1000, true, true));
            assertThat(disk.map(16 * MIB - 10, 20)).containsExactly(
                    new Extent(16 * MIB - 10, 10, true, false),
                    new Extent(16 * MIB, 10, true, true));
        }
    }

    @Test
    void withoutABitmapEverythingIsDirty() throws Exception {
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            assertThat(disk.tracksChanges()).isFalse();
            assertThat(disk.map(0, SIZE)).allMatch(Extent::dirty);
        }
    }

    @Test
    void aBitmapTheExportLacksIsRefusedByName() {
        assertThatThrownBy(() -> NbdSource.open(server.uri(), null, "since-tuesday"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("The NBD export " + server.uri() + " has no dirty bitmap named 'since-tuesday'");
    }

    private static void assertCoversExactly(List<Extent> extents, long start, long end) {
        long next = start;
        for (Extent extent : extents) {
            assertThat(extent.offset()).as("extents are consecutive").isEqualTo(next);
            next = extent.end();
        }
        assertThat(next).isEqualTo(end);
    }

    /** The [start, end) ranges where consecutive extents match {@code which}. */
    private static List<long[]> ranges(List<Extent> extents, Predicate<Extent> which) {
        List<long[]> ranges = new ArrayList<>();
        for (Extent extent : extents) {
            if (!which.test(extent)) {
                continue;
            }
            if (!ranges.isEmpty() && ranges.getLast()[1] == extent.offset()) {
                ranges.getLast()[1] = extent.end();
            } else {
                ranges.add(new long[] {extent.offset(), extent.end()});
            }
        }
        return ranges;
    }
}
