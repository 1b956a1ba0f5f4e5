package io.bulwark.agent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a run keeps its disks, repositories and logs: a new temporary directory, or the missing or
 * empty one the user named. Closing deletes what the run made, unless asked to keep it; a
 * directory the user gave is emptied, not removed. A shutdown hook does the same when the JVM is
 * stopped (Ctrl-C, kill), so that gigabytes of disks do not stay behind.
 */
final class WorkDirectory implements AutoCloseable {
    private final Path path;
    private final boolean madeHere;
    private final boolean keep;
    private final PrintStream err;
    private final Thread cleanUpAtExit = new Thread(this::cleanUp, "bench-clean-up");
    private boolean cleaned;

    private WorkDirectory(Path path, boolean madeHere, boolean keep, PrintStream err) {
        this.path = path;
        this.madeHere = madeHere;
        this.keep = keep;
        this.err = err;
        Runtime.getRuntime().addShutdownHook(cleanUpAtExit);
    }

    static WorkDirectory open(Optional<Path> requested, boolean keep, PrintStream err)
            throws IOException, StepFailedException {
        if (requested.isEmpty()) {
            return new WorkDirectory(Files.createTempDirectory("bulwark-bench-"), true, keep, err);
        }
        Path directory = requested.get().toAbsolutePath();
        boolean madeHere = !Files.exists(directory);
        Files.createDirectories(directory);
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new StepFailedException("--dir " + directory + " is not empty; give a new or empty directory.");
            }
        }
        return new WorkDirectory(directory, madeHere, keep, err);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUpAtExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook is doing the same work.
        }
        cleanUp();
    }

    /** Once only, whether the run ends or the JVM is stopped, whichever comes first. */
    private synchronized void cleanUp() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        if (keep) {
            err.println("bulwark bench: the disks, repositories and logs are kept in " + path);
            return;
        }
        try {
            if (madeHere) {
                DiskFiles.deleteTree(path);
            } else {
                try (Stream<Path> entries = Files.list(path)) {
                    for (Path entry : entries.toList()) {
                        DiskFiles.deleteTree(entry);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("bulwark bench: could not delete all of " + path + ": " + e);
        }
    }
}
