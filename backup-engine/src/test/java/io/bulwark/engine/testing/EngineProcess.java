package io.bulwark.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real engine in its own JVM, on loopback and a free port, for tests. It is started from the
 * test's own class path and stopped by its PID (SIGTERM, then SIGKILL if it hangs).
 */
public final class EngineProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path dataDirectory;
    private final Path output;
    private final int port;
    private final String fingerprint;

    private EngineProcess(Process process, Path dataDirectory, Path output, int port, String fingerprint) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.output = output;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    /** Starts an engine and waits until its API listens. */
    public static EngineProcess start(Path dataDirectory, Map<String, String> environment, String... arguments) {
        Launch launch = launch(dataDirectory, environment, arguments);
        Path runState = dataDirectory.resolve("run").resolve("engine.json");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!launch.process().isAlive()) {
                throw new IllegalStateException("The engine exited with status " + launch.process().exitValue()
                        + " before it was ready:\n" + read(launch.output()));
            }
            JsonNode state = readState(runState);
            if (state != null && state.path("pid").asLong() == launch.process().pid()) {
                return new EngineProcess(launch.process(), dataDirectory, launch.output(), state.path("port").asInt(),
                        state.path("fingerprint").asText());
            }
            sleep(100);
        }
        launch.process().destroyForcibly();
        throw new IllegalStateException("The engine did not start within " + START_TIMEOUT + ":\n" + read(launch.output()));
    }

    /** Runs an engine that is expected to refuse to start; returns its exit status and output. */
    public static Refusal startExpectingRefusal(Path dataDirectory, Map<String, String> environment, String... arguments) {
        Launch launch = launch(dataDirectory, environment, arguments);
        try {
            if (!launch.process().waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                launch.process().destroyForcibly();
                throw new IllegalStateException("The engine neither started nor refused within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launch.process().destroyForcibly();
            throw new IllegalStateException(e);
        }
        return new Refusal(launch.process().exitValue(), read(launch.output()));
    }

    /** How an engine that would not start ended. */
    public record Refusal(int exitStatus, String output) {
    }

    private record Launch(Process process, Path output) {
    }

    private static Launch launch(Path dataDirectory, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.bulwark.engine.EngineMain",
                "--data-dir", dataDirectory.toString(), "--port", "0", "--bind", "127.0.0.1"));
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(dataDirectory.getParent());
            Path output = Files.createTempFile(dataDirectory.getParent(), "engine-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().remove("BULWARK_ADMIN_PASSWORD");
            builder.environment().putAll(environment);
            return new Launch(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the engine", e);
        }
    }

    public int port() {
        return port;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + port;
    }

    /** The first admin password, from the file the engine wrote. */
    public String initialAdminPassword() {
        return read(dataDirectory.resolve("initial-admin-password")).strip();
    }

    /** Everything the engine printed so far. */
    public String output() {
        return read(output);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the engine as an admin would (SIGTERM) and returns its exit status. */
    public int stop() {
        return Processes.terminate(process, Duration.ofSeconds(30));
    }

    /** Kills the engine without warning, as a crash or power loss would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static JsonNode readState(Path file) {
        try {
            return Files.exists(file) ? ApiJson.mapper().readTree(Files.readString(file)) : null;
        } catch (IOException e) {
            return null; // being written; read it again on the next turn
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
