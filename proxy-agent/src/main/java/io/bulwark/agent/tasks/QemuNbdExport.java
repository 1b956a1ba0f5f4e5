package io.bulwark.agent.tasks;

import io.bulwark.agent.nbd.NbdUri;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A qemu-nbd that exports one image read-only on a Unix socket in a private temporary folder (only
 * this agent's user can reach it), for as long as the task reads it. Stopped by its PID; the folder
 * goes with it.
 */
final class QemuNbdExport implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String EXPORT = "bulwark";

    private final Process process;
    private final Path directory;
    private final Path socket;

    private QemuNbdExport(Process process, Path directory, Path socket) {
        this.process = process;
        this.directory = directory;
        this.socket = socket;
    }

    /**
     * @param bitmap the persistent dirty bitmap to export too ({@code qemu:dirty-bitmap:NAME}), or null
     */
    static QemuNbdExport start(String program, Path image, String format, String bitmap) throws IOException {
        Path directory = Files.createTempDirectory("bulwark-nbd-");
        Path socket = directory.resolve("nbd.sock");
        Path log = directory.resolve("qemu-nbd.log");
        List<String> command = new ArrayList<>(List.of(program, "--read-only", "--format=" + format,
                "--socket=" + socket, "--export-name=" + EXPORT));
        if (bitmap != null) {
            command.add("--bitmap=" + bitmap);
        }
        command.add(image.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            delete(directory);
            throw new IOException(program + " cannot be run on this host (" + e.getMessage() + "). Install qemu-utils"
                    + " (apt-get install qemu-utils) on the proxy to back up qcow2 images.", e);
        }
        QemuNbdExport export = new QemuNbdExport(process, directory, socket);
        try {
            export.awaitSocket(image, log);
            return export;
        } catch (IOException | RuntimeException e) {
            export.close();
            throw e;
        }
    }

    NbdUri uri() {
        return NbdUri.unix(socket, EXPORT);
    }

    private void awaitSocket(Path image, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                String output = Files.readString(log).strip();
                if (ImageInUseException.saidBy(output)) {
                    throw new ImageInUseException(image);
                }
                throw new IOException("qemu-nbd could not export " + image + ": " + output);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("qemu-nbd did not export " + image + " within " + START_TIMEOUT.toSeconds() + " s.");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped while qemu-nbd started");
            }
        }
    }

    /** Stops qemu-nbd by its PID, so that the image is free again, and removes the socket's folder. */
    @Override
    public void close() {
        ExternalCommand.stop(process);
        delete(directory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a private temporary folder; the OS cleans it eventually
        }
    }
}
