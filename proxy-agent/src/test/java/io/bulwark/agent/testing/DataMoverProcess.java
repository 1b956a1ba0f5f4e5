package io.bulwark.agent.testing;

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
 * A data mover command ({@code io.bulwark.agent.cli.AgentMain}) in its own JVM, as an admin, a
 * script or the engine runs it: a backup on a proxy, or {@code agent serve}. Its standard output
 * and error go together to a file in the test's directory.
 *
 * <pre>{@code
 * DataMoverProcess.Finished backup = DataMoverProcess.run(dir, "backup", "--repo", "bulwark://127.0.0.1:7000", ...);
 * assertThat(backup.status()).as(backup.output()).isZero();
 * }</pre>
 */
public final class DataMoverProcess implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final Process process;
    private final List<String> command;
    private final Path output;

    private DataMoverProcess(Process process, List<String> command, Path output) {
        this.process = process;
        this.command = command;
        this.output = output;
    }

    /** Starts {@code AgentMain args} with the test's class path. */
    public static DataMoverProcess start(Path workDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), "io.bulwark.agent.cli.AgentMain"));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(workDirectory, "data-mover-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new DataMoverProcess(process, List.copyOf(command), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end, within two minutes. */
    public static Finished run(Path workDirectory, String... args) {
        try (DataMoverProcess running = start(workDirectory, args)) {
            return running.waitFor();
        }
    }

    /** How a command ended: its exit status, and everything it printed. */
    public record Finished(int status, String output) {
    }

    public Finished waitFor() {
        try {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                Processes.kill(process);
                throw new AssertionError(String.join(" ", command) + " did not end within " + LIMIT + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Finished(process.exitValue(), output());
    }

    public Process process() {
        return process;
    }

    /** The command line it was started with. */
    public List<String> command() {
        return command;
    }

    public String output() {
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
