package io.bulwark.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running and stopping the external programs tests use, always with bounded waits. */
public final class Processes {
    private Processes() {
    }

    /**
     * Runs a command to its end.
     *
     * @return what it printed, stdout and stderr together
     * @throws IllegalStateException when it fails, times out, or its program is not installed
     */
    public static String run(Duration timeout, List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("bulwark-command-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                terminate(process, Duration.ofSeconds(5));
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with status " + process.exitValue()
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(output);
        }
    }

    /**
     * Sends SIGTERM, waits up to {@code grace} for an orderly exit, then SIGKILL.
     *
     * @return the exit status, or -1 if the process outlived even SIGKILL's wait
     */
    public static int terminate(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGKILL at once, the way a crash or an OOM killer ends a process; waits up to 10 s for it to be gone. */
    public static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the OS cleans it eventually
        }
    }
}
