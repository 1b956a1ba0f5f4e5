package io.bulwark.agent.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.source.Extent;
import io.bulwark.agent.testing.DiskImages;
import io.bulwark.agent.testing.NbdServer;
import io.bulwark.agent.testing.Processes;
import io.bulwark.agent.testing.Tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sparse raw file served by nbdkit's file plugin, which maps holes with SEEK_HOLE. */
class NbdKitSourceTest {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 80 * MIB;
    /** Data at the start, across the 32 MiB split of a whole-disk read, just before 64 MiB, and at the very end. */
    private static final int[][] DATA = {{0, 65536}, {32 * MIB - 2000, 5000}, {64 * MIB - 4096, 4096}, {SIZE - 8192, 8192}};

    @TempDir
    static Path directory;
    private static Path file;
    private static NbdServer server;

    @BeforeAll
    static void serve() {
        file = DiskImages.createSparseRaw(directory.resolve("disk.raw"), SIZE);
        Random random = new Random(42);
        for (int[] data : DATA) {
            byte[] bytes = new byte[data[1]];
            random.nextBytes(bytes);
            DiskImages.writeRaw(file, data[0], bytes);
        }
        server = NbdServer.nbdkitFile(file).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsTheWholeFileBitExactlyAcrossRequestSplits() throws Exception {
        byte[] actual = new byte[SIZE];
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            assertThat(disk.size()).isEqualTo(SIZE);
            disk.read(0, actual, 0, SIZE);
        }
        assertThat(Arrays.mismatch(actual, Files.readAllBytes(file))).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void readsOddRangesBitExactly() throws Exception {
        byte[] expected = Files.readAllBytes(file);
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            for (long[] range : new long[][] {{32 * MIB - 7, 13}, {SIZE - 1, 1}, {3, 33 * MIB + 5}}) {
                byte[] actual = new byte[(int) range[1]];
                disk.read(range[0], actual, 0, actual.length);
                assertThat(actual).isEqualTo(Arrays.copyOfRange(expected, (int) range[0], (int) (range[0] + range[1])));
            }
        }
    }

    @Test
    void mapsTheHolesOfTheFileAsZeroesAsNbdinfoDoes() throws Exception {
        List<Extent> extents;
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            extents = disk.map(0, SIZE);
        }
        assertThat(extents).isEqualTo(nbdinfoMap(server.uri()));
        for (int[] data : DATA) {
            assertThat(extents).as("data at byte " + data[0])
                    .anySatisfy(e -> assertThat(!e.zero() && e.offset() <= data[0] && e.end() >= data[0] + data[1]).isTrue());
        }
        assertThat(extents).anySatisfy(e -> assertThat(e.zero() && e.offset() <= MIB && e.end() >= 30L * MIB).isTrue());
        assertThat(extents).allMatch(Extent::dirty);
    }

    @Test
    void honoursAServersMinimumAndMaximumBlockSize() throws Exception {
        byte[] expected = Files.readAllBytes(file);
        // This server answers any request not aligned to 4 KiB, or longer than 64 KiB, with EINVAL.
        try (NbdServer strict = NbdServer.nbdkitFile(file).filter("blocksize-policy", "blocksize-minimum=4096",
                "blocksize-maximum=65536", "blocksize-error-policy=error").start();
             NbdSource disk = NbdSource.open(strict.uri(), null, null)) {
            for (long[] range : new long[][] {{32 * MIB - 7, 13}, {4095, 2}, {SIZE - 1, 1}, {3, 3 * MIB + 5}, {8192, 12288}}) {
                byte[] actual = new byte[(int) range[1]];
                disk.read(range[0], actual, 0, actual.length);
                assertThat(actual).as("bytes at " + range[0])
                        .isEqualTo(Arrays.copyOfRange(expected, (int) range[0], (int) (range[0] + range[1])));
            }
            assertThat(disk.map(100, 70000)).containsExactly(new Extent(100, 65436, false, true), new Extent(65536, 4564, true, true));
        }
    }

    /** libnbd's view of the same export, joined the way NbdSource joins equal neighbours. */
    private static List<Extent> nbdinfoMap(NbdUri uri) {
        String output = Processes.run(Duration.ofSeconds(30),
                List.of(Tools.require("nbdinfo", Tools.LIBNBD_PACKAGE).toString(), "--map", uri.toString()));
        List<Extent> extents = new ArrayList<>();
        for (String line : output.strip().split("\n")) {
            String[] fields = line.strip().split("\\s+");
            long offset = Long.parseLong(fields[0]);
            long length = Long.parseLong(fields[1]);
            boolean zero = (Integer.parseInt(fields[2]) & 2) != 0;
            if (!extents.isEmpty() && extents.getLast().zero() == zero) {
                Extent last = extents.removeLast();
                extents.add(new Extent(last.offset(), last.length() + length, zero, true));
            } else {
                extents.add(new Extent(offset, length, zero, true));
            }
        }
        return extents;
    }
}
