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
    /** What a program said and how it ended. */
    record Result(int exitStatus, String output) {
        boolean succeeded() {
            return exitStatus == 0;
        }
    }

    private ExternalCommand() {
    }

    /**
     * @throws InterruptedIOException when the calling thread is interrupted (a cancel): the program is stopped first
     * @throws IOException            when the program is missing or runs longer than {@code timeout}
     */
    static Result run(List<String> command, Duration timeout) throws IOException {
        Path output = Files.createTempFile("bulwark-qemu-", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new IOException(command.getFirst() + " cannot be run on this host (" + e.getMessage() + "). Install"
                        + " qemu-utils (apt-get install qemu-utils) on the proxy.", e);
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    stop(process);
                    throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                            + " s and was stopped.");
                }
            } catch (InterruptedException e) {
                stop(process);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped while " + command.getFirst() + " ran");
            }
            return new Result(process.exitValue(), Files.readString(output).strip());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** SIGTERM to the process's PID, then SIGKILL after five seconds. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
