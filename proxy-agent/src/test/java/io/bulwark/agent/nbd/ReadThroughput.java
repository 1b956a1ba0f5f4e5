package io.bulwark.agent.nbd;

import io.bulwark.agent.testing.DiskImages;
import io.bulwark.agent.testing.NbdServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures how fast an {@link NbdSource} reads a 2 GiB export of real (non-zero) data over
 * loopback from qemu-nbd and from nbdkit, with the backup's read size. A tool, not a test: timings
 * on a shared 2-core machine are not assertions. Run it after {@code mvn -pl proxy-agent test-compile}:
 *
 * <pre>
 * java -cp proxy-agent/target/test-classes:proxy-agent/target/classes:$(cat cp.txt) io.bulwark.agent.nbd.ReadThroughput
 * </pre>
 * where {@code cp.txt} comes from {@code mvn -pl proxy-agent dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class ReadThroughput {
    /** A multiple of the read size. */
    private static final long SIZE = 2L << 30;
    private static final int READ_SIZE = 8 << 20;

    private ReadThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Files.createTempDirectory("bulwark-nbd-throughput-");
        try {
            Path file = DiskImages.createSparseRaw(directory.resolve("disk.raw"), SIZE);
            byte[] block = new byte[READ_SIZE];
            Random random = new Random(1);
            for (long offset = 0; offset < SIZE; offset += block.length) {
                random.nextBytes(block);
                DiskImages.writeRaw(file, offset, block);
            }
            // The first pass warms the page cache and the JIT; the second is the measurement.
            for (int pass = 1; pass <= 2; pass++) {
                try (NbdServer qemu = NbdServer.qemuNbd(file).start()) {
                    report("qemu-nbd", pass, qemu.uri());
                }
                try (NbdServer nbdkit = NbdServer.nbdkitFile(file).start()) {
                    report("nbdkit", pass, nbdkit.uri());
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String server, int pass, NbdUri uri) throws IOException {
        byte[] buffer = new byte[READ_SIZE];
        long start = System.nanoTime();
        try (NbdSource disk = NbdSource.open(uri, null, null)) {
            for (long offset = 0; offset < disk.size(); offset += buffer.length) {
                disk.read(offset, buffer, 0, buffer.length);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("pass %d, %-8s: %d MiB in %.2f s = %.0f MiB/s%n", pass, server, SIZE >> 20, seconds, (SIZE >> 20) / seconds);
    }
}
