package io.bulwark.agent.faults;

import io.bulwark.agent.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A data mover command in its own JVM, as an admin or a script runs it, so that a test can kill
 * it with SIGKILL half-way, as a crash would.
 */
final class CommandProcess implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final Process process;
    private final Path output;

    private CommandProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static CommandProcess start(Path workDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), "io.bulwark.agent.cli.AgentMain"));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(workDirectory, "command-", ".out");
            return new CommandProcess(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end and returns its exit status and output. */
    static Finished run(Path workDirectory, String... args) {
        try (CommandProcess command = start(workDirectory, args)) {
            return command.waitFor();
        }
    }

    record Finished(int status, String output) {
    }

    Finished waitFor() {
        try {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                Processes.kill(process);
                throw new AssertionError("the command did not end within " + LIMIT + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Finished(process.exitValue(), output());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() {
        Processes.kill(process);
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read the output: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Processes.kill(process);
        }
    }
}
