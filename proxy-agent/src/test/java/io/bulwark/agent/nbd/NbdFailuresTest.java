package io.bulwark.agent.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.source.SourceException;
import io.bulwark.agent.testing.DiskImages;
import io.bulwark.agent.testing.FreePorts;
import io.bulwark.agent.testing.NbdServer;
import io.bulwark.agent.testing.Processes;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an admin reads when the NBD server is missing, wrong, gone or hung; and that nothing hangs. */
class NbdFailuresTest {
    private static final int MIB = 1 << 20;
    private static final NbdTimeouts ONE_SECOND = new NbdTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir
    static Path directory;
    /** 64 MiB of random bytes: reads carry real data, so a read is still going when the server dies. */
    private static Path image;

    @BeforeAll
    static void createImage() {
        image = DiskImages.createSparseRaw(directory.resolve("disk.raw"), 64L * MIB);
        byte[] data = new byte[64 * MIB];
        new Random(7).nextBytes(data);
        DiskImages.writeRaw(image, 0, data);
    }

    @Test
    void anUnknownExportIsNamed() {
        try (NbdServer server = NbdServer.qemuNbd(image).exportName("disk0").start()) {
            NbdUri wrong = NbdUri.tcp("127.0.0.1", server.uri().port(), "disk9");
            assertThatThrownBy(() -> NbdSource.open(wrong, null, null))
                    .isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("The NBD server " + wrong + " has no export named 'disk9'");
        }
    }

    @Test
    void nothingListeningIsACannotConnect() {
        NbdUri nowhere = NbdUri.tcp("127.0.0.1", FreePorts.loopback(), "disk0");
        assertThatThrownBy(() -> NbdSource.open(nowhere, null, null))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot connect to the NBD server " + nowhere + ": connection refused. Is qemu-nbd (or nbdkit)"
                        + " running and listening on 127.0.0.1:" + nowhere.port() + "?");
    }

    @Test
    void aMissingUnixSocketIsACannotConnect() {
        NbdUri nowhere = NbdUri.unix(directory.resolve("absent.sock"), "disk0");
        assertThatThrownBy(() -> NbdSource.open(nowhere, null, null))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Cannot connect to the NBD server " + nowhere + ": the socket " + nowhere.socket()
                        + " does not exist.");
    }

    @Test
    void anErrorTheServerReportsFailsTheReadButKeepsTheConnection() throws Exception {
        Path trigger = directory.resolve("fail-reads");
        try (NbdServer server = NbdServer.nbdkitFile(image)
                .filter("error", "error-pread=EIO", "error-pread-rate=100%", "error-pread-file=" + trigger).start();
             NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            byte[] buffer = new byte[3 * MIB];
            Files.createFile(trigger);
            assertThatThrownBy(() -> disk.read(MIB, buffer, 0, buffer.length))
                    .isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("The NBD server " + server.uri() + " failed to read 1048576 bytes at byte 1048576:"
                            + " NBD_EIO (input/output error)");
            Files.delete(trigger);
            disk.read(MIB, buffer, 0, buffer.length);
            assertThat(buffer).isEqualTo(Arrays.copyOfRange(Files.readAllBytes(image), MIB, 4 * MIB));
        }
    }

    @Test
    void aServerKilledDuringALargeReadFailsTheReadWithinBoundedTime() throws Exception {
        NbdServer server = NbdServer.qemuNbd(image).start();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (NbdSource disk = NbdSource.open(server.uri(), null, null)) {
            CountDownLatch firstReadDone = new CountDownLatch(1);
            Future<?> reading = reader.submit(() -> {
                byte[] buffer = new byte[48 * MIB];
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    disk.read(3, buffer, 0, buffer.length);
                    firstReadDone.countDown();
                }
                return null;
            });
            assertThat(firstReadDone.await(20, TimeUnit.SECONDS)).as("the first read finished").isTrue();
            server.kill();

            assertThatThrownBy(() -> reading.get(20, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(SourceException.class)
                    .hasMessageMatching("The NBD server " + server.uri().toString().replace(".", "\\.")
                            + " closed the connection while reading byte \\d+\\. Is qemu-nbd \\(or nbdkit\\) still running\\?");
            // The connection is gone for good, and says so at once.
            assertThatThrownBy(() -> disk.read(0, new byte[10], 0, 10))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("closed the connection while reading byte");
        } finally {
            reader.shutdownNow();
            assertThat(reader.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            server.close();
        }
    }

    @Test
    void aServerThatNeverGreetsTimesOut() throws Exception {
        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Accepts, then says nothing until the client gives up and hangs up (or 10 s pass).
            acceptor.submit(() -> {
                try (Socket connection = silent.accept()) {
                    connection.setSoTimeout(10_000);
                    return connection.getInputStream().read();
                }
            });
            NbdUri uri = NbdUri.tcp("127.0.0.1", silent.getLocalPort(), "disk0");
            long start = System.nanoTime();
            assertThatThrownBy(() -> NbdSource.open(uri, null, null, ONE_SECOND))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("The NBD server " + uri + " did not answer within 1 s while waiting for the server's greeting.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            acceptor.shutdownNow();
            assertThat(acceptor.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** TCP relies on SO_TIMEOUT, a Unix socket on a selector: both must give up. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aServerThatHangsDuringAReadTimesOut(boolean unixSocket) throws Exception {
        NbdServer.QemuNbd qemuNbd = NbdServer.qemuNbd(image);
        if (unixSocket) {
            qemuNbd.unixSocket(directory.resolve("hanging.sock"));
        }
        try (NbdServer server = qemuNbd.start();
             NbdSource disk = NbdSource.open(server.uri(), null, null, ONE_SECOND)) {
            // SIGSTOP: the process and its socket stay, but nothing answers, like a hung storage backend.
            Processes.run(Duration.ofSeconds(10), List.of("kill", "-STOP", Long.toString(server.pid())));
            try {
                assertThatThrownBy(() -> disk.read(MIB, new byte[MIB], 0, MIB))
                        .isInstanceOf(SourceException.class)
                        .hasMessage("The NBD server " + server.uri() + " did not answer within 1 s while reading byte " + MIB
                                + "; the connection was closed. Is the server overloaded or hung?");
            } finally {
                server.kill();
            }
        }
    }

    @Test
    void tlsSettingsMustMatchTheScheme() {
        NbdUri plain = NbdUri.tcp("127.0.0.1", 10809, "disk0");
        assertThatThrownBy(() -> NbdSource.open(plain, NbdTls.trusting(directory.resolve("ca.pem")), null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("which is plain NBD: use nbds://");
        NbdUri encrypted = NbdUri.tls("127.0.0.1", 10809, "disk0");
        assertThatThrownBy(() -> NbdSource.open(encrypted, null, null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("asks for TLS: give the CA certificate");
    }
}
