package io.bulwark.agent.remote;

import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.traffic.TrafficShaper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repository agent: serves repository folders to proxies on other hosts over mutual TLS (one
 * folder for {@code agent serve}, the ones the engine initialised for {@code agent run}),
 * one virtual thread per connection, any number of backups at once. It never has the password
 * or a key; it stores what proxies sealed. See {@code io.bulwark.protocol.datamover.DataMoverProtocol}.
 */
public final class RepositoryAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryAgent.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final ServerSocket server;
    private final SSLContext context;
    private final TlsMaterial tls;
    private final ServedRepositories repositories;
    private final TrafficShaper traffic;
    private final Set<SessionHandler> sessions = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread acceptor;
    private volatile boolean closing;

    private RepositoryAgent(ServerSocket server, SSLContext context, TlsMaterial tls, ServedRepositories repositories,
                            TrafficShaper traffic) {
        this.server = server;
        this.context = context;
        this.tls = tls;
        this.repositories = repositories;
        this.traffic = traffic;
        this.acceptor = Thread.ofPlatform().name("agent-acceptor").start(this::accept);
    }

    /**
     * Opens the repository (no password: the agent never needs one), reads the TLS files and
     * starts listening.
     *
     * @param lockWait how long a backup waits for a prune to let go of the repository
     */
    public static RepositoryAgent start(HostPort listen, Path directory, TlsMaterial tls, Duration lockWait)
            throws IOException, RepositoryException {
        return start(listen, directory, tls, lockWait, TrafficShaper.unrestricted());
    }

    /**
     * As {@link #start(HostPort, Path, TlsMaterial, Duration)}, its answers to proxies (block
     * tables and points for restores and incrementals) held to {@code traffic}'s rules.
     */
    public static RepositoryAgent start(HostPort listen, Path directory, TlsMaterial tls, Duration lockWait,
                                        TrafficShaper traffic) throws IOException, RepositoryException {
        ServedRepositories repositories = ServedRepositories.single(directory, lockWait);
        try {
            RepositoryAgent agent = start(listen, repositories, tls, traffic);
            LOG.info("Serving the repository {} on {}", directory, listen);
            return agent;
        } catch (IOException | RuntimeException e) {
            repositories.close();
            throw e;
        }
    }

    /**
     * Serves {@code repositories} (the agent owns them from here and closes them), each backup's
     * answers held to {@code traffic}'s rules.
     */
    public static RepositoryAgent start(HostPort listen, ServedRepositories repositories, TlsMaterial tls,
                                        TrafficShaper traffic) throws IOException {
        SSLContext context = TlsContexts.create(tls);
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(listen.host(), listen.port()), 64);
        } catch (IOException e) {
            server.close();
            throw new IOException("Cannot listen on " + listen + ": " + e.getMessage() + ". Is another agent running,"
                    + " or is the port taken?", e);
        }
        return new RepositoryAgent(server, context, tls, repositories, traffic);
    }

    /** Where the agent listens. */
    public HostPort address() {
        InetSocketAddress bound = (InetSocketAddress) server.getLocalSocketAddress();
        return new HostPort(bound.getAddress().getHostAddress(), bound.getPort());
    }

    /** Returns once the agent has stopped. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    private void accept() {
        while (!closing) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.warn("Accepting a connection failed: {}", e.getMessage());
                }
                continue;
            }
            SessionHandler session = new SessionHandler(socket, context, tls, repositories, traffic);
            sessions.add(session);
            if (closing) {
                // accepted just as close() aborted the others
                session.abort();
            }
            Thread.ofVirtual().name("session " + socket.getRemoteSocketAddress()).start(() -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(session);
                }
            });
        }
    }

    /**
     * Stops: no new connections, and the running ones end at once, so that their backups fail
     * cleanly (no restore point; the finished packs stay). Waits a few seconds for them to let go
     * of the repository.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        LOG.info("Stopping; {} running session(s) end without a restore point", sessions.size());
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Closing the listening socket failed: {}", e.getMessage());
        }
        sessions.forEach(SessionHandler::abort);
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        try {
            while (!sessions.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            acceptor.join(SHUTDOWN_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        repositories.close();
        LOG.info("Stopped");
        stopped.countDown();
    }
}
