package io.bulwark.agent.tasks;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program of qemu-utils to its end, without a shell, and stops it by its PID if it overstays. */
final class ExternalCommand {
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** What a program said and how it ended. */
    record Result(int exitStatus, String output) {
        boolean succeeded() {
            return exitStatus == 0;
        }
    }

    private ExternalCommand() {
    }

    /**
     * Runs a long command that a cancel may stop, such as a conversion whose output is thrown away then.
     *
     * @throws InterruptedIOException when the calling thread is interrupted (a cancel): the program is stopped first
     * @throws IOException            when the program is missing or runs longer than {@code timeout}
     */
    static Result run(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, true);
    }

    /**
     * Runs a short command that changes an image's metadata (a bitmap) to its end even when the
     * calling thread is interrupted meanwhile: killing qemu-img half-way through could damage the
     * image. The interrupt stays set for the caller to act on.
     */
    static Result runToCompletion(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, false);
    }

    private static Result run(List<String> command, Duration timeout, boolean interruptible) throws IOException {
        Path output = Files.createTempFile("bulwark-qemu-", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new IOException(command.getFirst() + " cannot be run on this host (" + e.getMessage() + "). Install"
                        + " qemu-utils (apt-get install qemu-utils) on the proxy.", e);
            }
            boolean ended;
            if (interruptible) {
                try {
                    ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    stop(process);
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stopped while " + command.getFirst() + " ran");
                }
            } else {
                ended = awaitUninterruptibly(process, timeout);
            }
            if (!ended) {
                stop(process);
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s and was stopped.");
            }
            return new Result(process.exitValue(), Files.readString(output).strip());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * SIGTERM to the process's PID, then SIGKILL after five seconds; returns once it is gone, even
     * when interrupted, because what comes next (qemu-img on the image) needs it gone.
     */
    static void stop(Process process) {
        process.destroy();
        if (!awaitUninterruptibly(process, STOP_GRACE)) {
            process.destroyForcibly();
            awaitUninterruptibly(process, STOP_GRACE);
        }
    }

    private static boolean awaitUninterruptibly(Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
