package io.bulwark.agent.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./bulwark agent serve} as a real process on 127.0.0.1 and a free port, serving a
 * repository folder over mutual TLS.
 *
 * <pre>{@code
 * TestPki.Issued cert = pki.issue("agent", "127.0.0.1");
 * try (RepositoryAgentProcess agent = RepositoryAgentProcess.start(dir, repo, cert, pki.caCertificate())) {
 *     ... "--repo", agent.uri() ...
 * }
 * }</pre>
 */
public final class RepositoryAgentProcess implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    /** What the agent prints once it listens. */
    private static final String LISTENING = "Serving the repository";

    private final DataMoverProcess process;
    private final int port;

    private RepositoryAgentProcess(DataMoverProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts an agent on a free loopback port and waits until it listens.
     *
     * @param trusted the CA certificate that proxies' certificates must chain to
     */
    public static RepositoryAgentProcess start(Path workDirectory, Path repository, TestPki.Issued identity, Path trusted) {
        return start(workDirectory, repository, identity, trusted, FreePorts.loopback());
    }

    /** Starts an agent on {@code port}, for example again where a killed one listened. */
    public static RepositoryAgentProcess start(Path workDirectory, Path repository, TestPki.Issued identity, Path trusted,
                                               int port) {
        DataMoverProcess process = DataMoverProcess.start(workDirectory, "agent", "serve", "--listen", "127.0.0.1:" + port,
                "--repo", repository.toString(), "--cert", identity.certificatePath().toString(), "--key",
                identity.keyPath().toString(), "--ca", trusted.toString());
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (!process.output().contains(LISTENING)) {
            if (!process.process().isAlive()) {
                throw new IllegalStateException("The repository agent exited with status " + process.process().exitValue()
                        + " before it listened:\n" + process.output());
            }
            if (Instant.now().isAfter(deadline)) {
                process.close();
                throw new IllegalStateException("The repository agent did not listen within " + START_LIMIT + ":\n"
                        + process.output());
            }
            sleep(Duration.ofMillis(20));
        }
        return new RepositoryAgentProcess(process, port);
    }

    /** {@code bulwark://127.0.0.1:PORT}, what a proxy gives as {@code --repo}. */
    public String uri() {
        return "bulwark://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process.process();
    }

    public List<String> command() {
        return process.command();
    }

    /** Its log and messages so far. */
    public String output() {
        return process.output();
    }

    /** SIGKILL, as a crash would: no shutdown hook runs. */
    public void kill() {
        Processes.kill(process.process());
    }

    /** SIGTERM, then SIGKILL after ten seconds; returns the exit status. */
    public int stop() {
        return Processes.terminate(process.process(), Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        if (process.process().isAlive()) {
            stop();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
