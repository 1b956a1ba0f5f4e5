package io.bulwark.agent.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.source.Extent;
import io.bulwark.agent.testing.DiskImages;
import io.bulwark.agent.testing.NbdServer;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A qcow2 image served by qemu-nbd, the way a hypervisor host exports a VM disk. */
class QemuNbdSourceTest {
    private static final int MIB = 1 << 20;
    private static final long SIZE = 64L * MIB;
    /**
     * Two 64 KiB qcow2 clusters. Writes that end inside a cluster make qemu report the rest of it as
     * data or as zero depending on the host file's layout, so the tests keep to whole clusters.
     */
    private static final int SECOND_LENGTH = 128 * 1024;

    @TempDir
    static Path directory;
    private static Path image;
    private static NbdServer server;

    @BeforeAll
    static void serve() {
        image = DiskImages.createQcow2(directory.resolve("disk.qcow2"), SIZE);
        DiskImages.qemuIo(image, "qcow2", "write -P 0x5a 0 1M", "write -z 4M 1M", "write -P 0x33 8M " + SECOND_LENGTH);
        server = NbdServer.qemuNbd(image).format("qcow2").exportName("disk0").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void mapsUnallocatedAndZeroWrittenRegionsAsZeroAndWrittenOnesAsData() throws Exception {
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            assertThat(disk.size()).isEqualTo(SIZE);
            assertThat(disk.tracksChanges()).isFalse();
            assertThat(disk.map(0, SIZE)).containsExactly(
                    new Extent(0, MIB, false, true),
                    new Extent(MIB, 7L * MIB, true, true),
                    new Extent(8L * MIB, SECOND_LENGTH, false, true),
                    new Extent(8L * MIB + SECOND_LENGTH, SIZE - 8L * MIB - SECOND_LENGTH, true, true));
        }
    }

    @Test
    void mapOfAPartialRangeIsClippedToIt() throws Exception {
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            assertThat(disk.map(MIB / 2 + 1, MIB)).containsExactly(
                    new Extent(MIB / 2 + 1, MIB / 2 - 1, false, true),
                    new Extent(MIB, MIB / 2 + 1, true, true));
        }
    }

    @Test
    void readsDataAndZeroesAcrossExtents() throws Exception {
        byte[] expected = new byte[16 * MIB];
        Arrays.fill(expected, 0, MIB, (byte) 0x5a);
        Arrays.fill(expected, 8 * MIB, 8 * MIB + SECOND_LENGTH, (byte) 0x33);
        byte[] actual = new byte[16 * MIB + 10];
        Arrays.fill(actual, (byte) 0x77);
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            disk.read(0, actual, 5, 16 * MIB);
        }
        assertThat(Arrays.copyOfRange(actual, 5, 5 + 16 * MIB)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(actual, 0, 5)).containsOnly(0x77);
        assertThat(Arrays.copyOfRange(actual, 5 + 16 * MIB, actual.length)).containsOnly(0x77);
    }

    @Test
    void describesItselfByItsUri() throws Exception {
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            assertThat(disk.description()).isEqualTo("nbd://127.0.0.1:" + server.uri().port() + "/disk0");
        }
    }

    @Test
    void servesOverAUnixSocket() throws Exception {
        Path socket = directory.resolve("nbd.sock");
        try (NbdServer unix = NbdServer.qemuNbd(image).format("qcow2").exportName("vm disk").unixSocket(socket).start();
             NbdSource disk = NbdSource.open(unix.uri(), null, null)) {
            assertThat(disk.description()).isEqualTo("nbd+unix:///vm%20disk?socket=" + socket);
            assertThat(disk.size()).isEqualTo(SIZE);
            byte[] buffer = new byte[2 * MIB];
            disk.read(7L * MIB, buffer, 0, buffer.length);
            assertThat(Arrays.copyOfRange(buffer, 0, MIB)).containsOnly(0);
            assertThat(Arrays.copyOfRange(buffer, MIB, MIB + SECOND_LENGTH)).containsOnly(0x33);
            assertThat(disk.map(0, 2L * MIB)).containsExactly(new Extent(0, MIB, false, true), new Extent(MIB, MIB, true, true));
        }
    }
}
