package io.bulwark.engine.inventory;

import io.bulwark.engine.ssh.CommandResult;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The backup server's own shell: the script runs as a child process of the engine, with the
 * engine's account (no SSH, no sudo; the engine reads what its account may read).
 */
public record LocalHostShell(Duration timeout) implements HostShell {
    @Override
    public CommandResult run(String script) {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", script).start();
        } catch (IOException e) {
            throw new HostAccessException(HostProblem.COMMAND, "The backup server cannot start its shell (sh): "
                    + e.getMessage(), Map.of(), e);
        }
        try {
            process.getOutputStream().close();
            // Both streams are read at once, so that neither fills its pipe and stalls the script.
            CompletableFuture<String> stdout = readInBackground(process.getInputStream());
            CompletableFuture<String> stderr = readInBackground(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HostAccessException(HostProblem.TIMEOUT, "A command on the backup server gave no result "
                        + "within " + timeout.toSeconds() + " s. Check the server's load and the folders it reads "
                        + "(a hung network mount?).");
            }
            return new CommandResult(process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostAccessException(HostProblem.COMMAND, "The command was interrupted (the engine is stopping).");
        } catch (IOException | ExecutionException | UncheckedIOException e) {
            throw new HostAccessException(HostProblem.COMMAND, "The backup server's command could not be read: "
                    + e.getMessage(), Map.of(), e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> readInBackground(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> read(stream), command -> Thread.ofVirtual().start(command));
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
