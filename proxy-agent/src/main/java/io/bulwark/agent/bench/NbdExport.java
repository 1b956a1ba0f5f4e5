package io.bulwark.agent.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** qemu-nbd serving a qcow2 image read-only on a free loopback port, as export {@value #EXPORT}; stopped by PID on close. */
final class NbdExport implements AutoCloseable {
    static final String EXPORT = "vm";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Runner runner;
    private final Runner.Started server;
    private final int port;

    private NbdExport(Runner runner, Runner.Started server, int port) {
        this.runner = runner;
        this.server = server;
        this.port = port;
    }

    /** Starts qemu-nbd, exporting the persistent dirty bitmap too when one is named, and waits until it listens. */
    static NbdExport start(Runner runner, Path image, Optional<String> bitmap) throws StepFailedException {
        int port = freePort();
        // -t: serve client after client (by default qemu-nbd exits when its first client leaves);
        // -e 2: the readiness probe below and the backup may overlap for a moment.
        List<String> words = new ArrayList<>(List.of("qemu-nbd", "-r", "-t", "-e", "2", "-f", "qcow2", "-x", EXPORT,
                "-b", HOST, "-p", Integer.toString(port)));
        bitmap.ifPresent(name -> words.addAll(List.of("-B", name)));
        words.add(image.toString());
        ExternalCommand command = new ExternalCommand("qemu-nbd", words, image.getParent());
        NbdExport export = new NbdExport(runner, runner.start(command), port);
        export.awaitListening(command);
        return export;
    }

    String uri() {
        return "nbd://" + HOST + ":" + port + "/" + EXPORT;
    }

    @Override
    public void close() {
        runner.stop(server.process());
    }

    private void awaitListening(ExternalCommand command) throws StepFailedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.process().isAlive()) {
                throw new StepFailedException("qemu-nbd exited at start with status " + server.process().exitValue()
                        + ".\nCommand: " + command.commandLine() + "\n" + Runner.tail("output", server.log()));
            }
            if (accepts()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new StepFailedException("Interrupted while waiting for qemu-nbd to listen.", e);
            }
        }
        close();
        throw new StepFailedException("qemu-nbd did not listen on " + HOST + ":" + port + " within "
                + START_TIMEOUT.toSeconds() + " s.\nCommand: " + command.commandLine() + "\n"
                + Runner.tail("output", server.log()));
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A loopback port nothing listens on now. Another process could take it before qemu-nbd does;
     * qemu-nbd then exits at start, which {@link #awaitListening} reports.
     */
    private static int freePort() throws StepFailedException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StepFailedException("Cannot find a free loopback port for qemu-nbd: " + e.getMessage(), e);
        }
    }
}
