package io.bulwark.agent.testing;

import io.bulwark.agent.nbd.NbdUri;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real NBD server for tests, on loopback or a Unix socket: qemu-nbd (qcow2 or raw, dirty
 * bitmaps, TLS) or nbdkit's file plugin. Always read-only. {@link #close()} stops it by PID; a
 * JVM shutdown hook kills any a test forgot.
 *
 * <pre>{@code
 * try (NbdServer server = NbdServer.qemuNbd(image).format("qcow2").bitmap("b1").start()) {
 *     NbdSource disk = NbdSource.open(server.uri(), null, "b1");
 * }
 * try (NbdServer server = NbdServer.nbdkitFile(rawFile).start()) { ... server.uri() ... }
 * }</pre>
 */
public final class NbdServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "nbd-server-cleanup"));
    }

    private final String program;
    private final Process process;
    private final NbdUri uri;
    private final Path log;

    private NbdServer(String program, Process process, NbdUri uri, Path log) {
        this.program = program;
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    /** qemu-nbd serving {@code image}; by default a raw image as export {@code disk0} on a free loopback port. */
    public static QemuNbd qemuNbd(Path image) {
        return new QemuNbd(image);
    }

    /**
     * nbdkit's file plugin serving {@code file} on a free loopback port. It serves any export
     * name; its allocation map comes from the file's holes (SEEK_HOLE).
     */
    public static NbdKit nbdkitFile(Path file) {
        return new NbdKit(file);
    }

    /** Options of a qemu-nbd server; {@link #start()} runs it. */
    public static final class QemuNbd {
        private final Path image;
        private String format = "raw";
        private String exportName = "disk0";
        private String bitmap;
        private Path tlsCredentials;
        private boolean verifyClients;
        private Path unixSocket;

        private QemuNbd(Path image) {
            this.image = image;
        }

        /** {@code raw} or {@code qcow2} (qemu-nbd -f). */
        public QemuNbd format(String format) {
            this.format = format;
            return this;
        }

        /** The export name (qemu-nbd -x); {@code disk0} unless set. */
        public QemuNbd exportName(String exportName) {
            this.exportName = exportName;
            return this;
        }

        /** Also exports this persistent qcow2 bitmap as the {@code qemu:dirty-bitmap:NAME} context (qemu-nbd -B). */
        public QemuNbd bitmap(String bitmap) {
            this.bitmap = bitmap;
            return this;
        }

        /**
         * Requires TLS with the x509 credentials in this directory (see
         * {@link TestPki#qemuServerCredentials}); with {@code verifyClients}, clients must present a
         * certificate from the same CA.
         */
        public QemuNbd tls(Path credentials, boolean verifyClients) {
            this.tlsCredentials = credentials;
            this.verifyClients = verifyClients;
            return this;
        }

        /** Listens on this Unix socket (qemu-nbd -k) instead of TCP. */
        public QemuNbd unixSocket(Path socket) {
            this.unixSocket = socket;
            return this;
        }

        public NbdServer start() {
            List<String> command = new ArrayList<>(List.of(Tools.require("qemu-nbd", Tools.QEMU_PACKAGE).toString(),
                    // -t: keep serving after a client leaves (by default qemu-nbd exits after its first client).
                    "--read-only", "--persistent", "--shared=8", "--format=" + format, "--export-name=" + exportName));
            if (bitmap != null) {
                command.add("--bitmap=" + bitmap);
            }
            if (tlsCredentials != null) {
                command.addAll(List.of("--object", "tls-creds-x509,id=tls0,endpoint=server,dir=" + tlsCredentials
                        + ",verify-peer=" + (verifyClients ? "on" : "off"), "--tls-creds=tls0"));
            }
            NbdUri uri;
            if (unixSocket != null) {
                command.add("--socket=" + unixSocket);
                uri = NbdUri.unix(unixSocket, exportName);
            } else {
                int port = FreePorts.loopback();
                command.addAll(List.of("--bind=127.0.0.1", "--port=" + port));
                uri = tlsCredentials != null ? NbdUri.tls("127.0.0.1", port, exportName) : NbdUri.tcp("127.0.0.1", port, exportName);
            }
            command.add(image.toString());
            return launch("qemu-nbd", command, uri);
        }
    }

    /** Options of an nbdkit file plugin server; {@link #start()} runs it. */
    public static final class NbdKit {
        private final Path file;
        private final List<String> filters = new ArrayList<>();
        private final List<String> parameters = new ArrayList<>();

        private NbdKit(Path file) {
            this.file = file;
        }

        /**
         * Puts an nbdkit filter in front of the plugin, with its {@code key=value} parameters; see
         * {@code man nbdkit-NAME-filter}. For example {@code filter("blocksize-policy",
         * "blocksize-minimum=4096", "blocksize-error-policy=error")} makes a server that refuses
         * unaligned requests, and {@code filter("error", "error-pread=EIO", "error-pread-rate=100%",
         * "error-pread-file=/path")} one whose reads fail while that file exists. The first filter
         * added is the outermost.
         */
        public NbdKit filter(String name, String... keyValues) {
            filters.add("--filter=" + name);
            parameters.addAll(List.of(keyValues));
            return this;
        }

        public NbdServer start() {
            int port = FreePorts.loopback();
            List<String> command = new ArrayList<>(List.of(Tools.require("nbdkit", Tools.NBDKIT_PACKAGE).toString(),
                    "--foreground", "--exit-with-parent", "--read-only", "--ipaddr=127.0.0.1", "--port=" + port));
            command.addAll(filters);
            command.addAll(List.of("file", "file=" + file));
            command.addAll(parameters);
            return launch("nbdkit", command, NbdUri.tcp("127.0.0.1", port, ""));
        }
    }

    /** Where clients connect: {@code nbd://}, {@code nbds://} (TLS) or {@code nbd+unix://}. */
    public NbdUri uri() {
        return uri;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the server with SIGKILL, as a crash would, and waits (bounded) until it is gone. */
    public void kill() {
        Processes.kill(process);
        RUNNING.remove(process);
    }

    /** What the server printed so far, for assertion messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        Processes.terminate(process, Duration.ofSeconds(10));
        RUNNING.remove(process);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file; the OS cleans it eventually
        }
    }

    private static NbdServer launch(String program, List<String> command, NbdUri uri) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("bulwark-" + program + "-", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", command), e);
        }
        RUNNING.add(process);
        NbdServer server = new NbdServer(program, process, uri, log);
        server.awaitListening(command);
        return server;
    }

    private void awaitListening(List<String> command) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String output = log();
                close();
                throw new IllegalStateException(program + " exited at start with status " + process.exitValue() + ":\n"
                        + String.join(" ", command) + "\n" + output);
            }
            if (accepts()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for " + program, e);
            }
        }
        String output = log();
        close();
        throw new IllegalStateException(program + " did not listen within " + START_TIMEOUT + ":\n" + String.join(" ", command)
                + "\n" + output);
    }

    private boolean accepts() {
        try {
            if (uri.isUnixSocket()) {
                if (!Files.exists(uri.socket())) {
                    return false;
                }
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(uri.socket()));
                }
            } else {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(uri.host(), uri.port()), 500);
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
