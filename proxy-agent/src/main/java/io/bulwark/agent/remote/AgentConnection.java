package io.bulwark.agent.remote;

import io.bulwark.agent.traffic.TrafficShaper;
import io.bulwark.protocol.datamover.Claim;
import io.bulwark.protocol.datamover.ClaimResult;
import io.bulwark.protocol.datamover.DataMoverProtocol;
import io.bulwark.protocol.datamover.Failure;
import io.bulwark.protocol.datamover.Frame;
import io.bulwark.protocol.datamover.FrameReader;
import io.bulwark.protocol.datamover.FrameType;
import io.bulwark.protocol.datamover.FrameWriter;
import io.bulwark.protocol.datamover.Hello;
import io.bulwark.protocol.datamover.Message;
import io.bulwark.protocol.datamover.Notice;
import io.bulwark.protocol.datamover.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The proxy's end of a data mover connection. Any thread may send; a reader thread takes what the
 * agent sends: CLAIM_RESULTs go to the claim waiting for them, NOTICEs to the admin, an ERROR ends
 * the connection with the agent's words, and every other frame waits in order for {@link #expect}.
 * Claims are pipelined: many may be open at once, and stores never wait for an answer.
 */
final class AgentConnection implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GREETING_TIMEOUT = Duration.ofSeconds(30);
    /** Answers come at once, but a commit may wait for another backup's blocks (up to two minutes) and fsync. */
    static final Duration REPLY_TIMEOUT = Duration.ofMinutes(5);
    private static final Frame CLOSED = new Frame(FrameType.ERROR, new byte[0]);

    private final HostPort address;
    private final Socket socket;
    private final FrameReader in;
    private final FrameWriter out;
    private final Consumer<String> notices;
    private final BlockingQueue<Frame> replies = new ArrayBlockingQueue<>(8);
    private final Map<Integer, CompletableFuture<boolean[]>> claims = new ConcurrentHashMap<>();
    private final AtomicInteger nextClaim = new AtomicInteger();
    private final Thread reader;
    private final int agentMinorVersion;
    private volatile IOException failure;
    private volatile String unfinishedOutcome = "No restore point was made; the blocks the agent stored before are"
            + " kept, and the next backup reuses them.";
    private volatile boolean closing;

    private AgentConnection(HostPort address, Socket socket, FrameReader in, FrameWriter out, Consumer<String> notices,
                            int agentMinorVersion) {
        this.address = address;
        this.agentMinorVersion = agentMinorVersion;
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.notices = notices;
        this.reader = Thread.ofPlatform().daemon().name("agent-reader").start(this::readReplies);
    }

    /**
     * Connects, checks the agent's certificate, proves this proxy's, and exchanges HELLO and WELCOME.
     *
     * @param traffic the traffic rules that govern what this proxy sends on the connection
     */
    static AgentConnection open(HostPort address, TlsMaterial tls, TrafficShaper traffic, Consumer<String> notices)
            throws IOException {
        SSLContext context = TlsContexts.create(tls);
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address.host(), address.port()), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            plain.close();
            throw new IOException(TlsFailures.unreachable(address, e), e);
        }
        plain.setKeepAlive(true);
        SSLSocket socket;
        try {
            socket = (SSLSocket) context.getSocketFactory().createSocket(plain, address.host(), address.port(), true);
            TlsContexts.configureProxy(socket);
            socket.setSoTimeout((int) GREETING_TIMEOUT.toMillis());
            socket.startHandshake();
        } catch (IOException e) {
            plain.close();
            throw new IOException(TlsFailures.proxySide(address, tls, e), e);
        }
        FrameReader in;
        FrameWriter out;
        Frame answer;
        try {
            in = new FrameReader(socket.getInputStream());
            out = new FrameWriter(traffic.shape(socket.getOutputStream(), plain));
            out.write(Hello.current(FrameType.HELLO, SoftwareVersion.describe("proxy")));
            answer = in.read();
            // From here on the reader thread waits for the agent as long as the backup runs; replies have their own limits.
            socket.setSoTimeout(0);
        } catch (IOException e) {
            plain.close();
            throw new IOException(TlsFailures.beforeGreeting(address, tls, e, GREETING_TIMEOUT), e);
        }
        Hello welcome;
        try {
            welcome = greeted(address, tls, answer);
        } catch (ProtocolException e) {
            plain.close();
            throw new IOException(TlsFailures.proxySide(address, tls, e), e);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        return new AgentConnection(address, plain, in, out, notices, welcome.minor());
    }

    private static Hello greeted(HostPort address, TlsMaterial tls, Frame answer) throws IOException {
        if (answer == null) {
            throw new IOException(TlsFailures.refusedCertificate(address, tls));
        }
        if (answer.type() == FrameType.ERROR) {
            throw new IOException("The repository agent at " + address + " refused the connection: "
                    + Failure.decode(answer).message());
        }
        if (answer.type() != FrameType.WELCOME) {
            throw new ProtocolException("a " + answer.type() + " frame where WELCOME was due");
        }
        Hello welcome = Hello.decode(answer);
        if (welcome.major() != DataMoverProtocol.MAJOR_VERSION) {
            throw new IOException("The repository agent at " + address + " speaks data mover protocol " + welcome.version()
                    + " (" + welcome.software() + "); this proxy speaks " + DataMoverProtocol.MAJOR_VERSION + "."
                    + DataMoverProtocol.MINOR_VERSION + ". Run the same major version of Bulwark on both.");
        }
        return welcome;
    }

    /** The minor protocol version the agent speaks: what it understands beyond 1.0. */
    int agentMinorVersion() {
        return agentMinorVersion;
    }

    HostPort address() {
        return address;
    }

    /** Frame bytes sent so far, headers included. */
    long bytesSent() {
        return out.bytesWritten();
    }

    /** What the admin is told about the backup's outcome should the connection end now. */
    void ifLost(String outcome) {
        unfinishedOutcome = outcome;
    }

    void send(Message message) throws IOException {
        checkOpen();
        try {
            out.write(message);
        } catch (IOException e) {
            throw sendFailed(e);
        }
    }

    void send(FrameType type) throws IOException {
        send(type, new byte[0], new byte[0], 0, 0);
    }

    /** A frame whose payload is {@code head} and then {@code body[offset, offset + length)}. */
    void send(FrameType type, byte[] head, byte[] body, int offset, int length) throws IOException {
        checkOpen();
        try {
            out.write(type, head, body, offset, length);
        } catch (IOException e) {
            throw sendFailed(e);
        }
    }

    /** Asks which of {@code count} fingerprints (32 bytes each in {@code fingerprints}) to send. Thread-safe. */
    boolean[] claim(byte[] fingerprints) throws IOException {
        int id = nextClaim.getAndIncrement() & Integer.MAX_VALUE;
        CompletableFuture<boolean[]> answer = new CompletableFuture<>();
        claims.put(id, answer);
        try {
            send(new Claim(id, fingerprints));
            return answer.get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed();
        } catch (TimeoutException e) {
            throw noAnswer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the repository agent");
        } finally {
            claims.remove(id);
        }
    }

    /** The next frame from the agent, which must be of one of {@code types}. */
    Frame expect(Duration timeout, FrameType... types) throws IOException {
        Frame frame;
        try {
            frame = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the repository agent");
        }
        if (frame == null) {
            throw noAnswer();
        }
        if (frame == CLOSED) {
            replies.offer(CLOSED);
            throw failed();
        }
        if (!Arrays.asList(types).contains(frame.type())) {
            throw new ProtocolException("a " + frame.type() + " frame where " + Arrays.toString(types) + " was due");
        }
        return frame;
    }

    Frame expect(FrameType... types) throws IOException {
        return expect(REPLY_TIMEOUT, types);
    }

    private void readReplies() {
        try {
            while (true) {
                Frame frame = in.read();
                if (frame == null) {
                    throw new EOFException("the agent closed the connection");
                }
                switch (frame.type()) {
                    case CLAIM_RESULT -> {
                        ClaimResult result = ClaimResult.decode(frame);
                        CompletableFuture<boolean[]> waiting = claims.get(result.requestId());
                        if (waiting == null) {
                            throw new ProtocolException("an answer to claim " + result.requestId() + ", which was not asked");
                        }
                        waiting.complete(result.send());
                    }
                    case NOTICE -> notices.accept(Notice.decode(frame).message());
                    case ERROR -> {
                        fail(new IOException("The repository agent at " + address + " stopped the backup: "
                                + Failure.decode(frame).message()));
                        return;
                    }
                    default -> replies.put(frame);
                }
            }
        } catch (ProtocolException e) {
            fail(new IOException("The repository agent at " + address + " broke the data mover protocol: it sent "
                    + e.getMessage() + ". " + unfinishedOutcome, e));
        } catch (IOException e) {
            fail(closing ? new IOException("The connection to the repository agent at " + address + " is closed.", e)
                    : new IOException("The connection to the repository agent at " + address + " was lost ("
                            + e.getMessage() + "). " + unfinishedOutcome, e));
        } catch (InterruptedException e) {
            fail(new InterruptedIOException("stopped reading from the repository agent"));
        }
    }

    private void fail(IOException cause) {
        if (failure == null) {
            failure = cause;
        }
        claims.values().forEach(waiting -> waiting.completeExceptionally(cause));
        while (!replies.offer(CLOSED)) {
            replies.poll();
        }
    }

    private void checkOpen() throws IOException {
        if (failure != null) {
            throw failed();
        }
    }

    /**
     * A send failed: the agent may have sent an ERROR just before it closed, which says more than
     * "broken pipe". Give the reader a moment to take it.
     */
    private IOException sendFailed(IOException e) {
        try {
            reader.join(2000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            fail(new IOException("The connection to the repository agent at " + address + " was lost (" + e.getMessage()
                    + "). " + unfinishedOutcome, e));
        }
        return failed();
    }

    /** A fresh exception with the failure's message, so each thread's stack trace shows where it met it. */
    private IOException failed() {
        IOException cause = failure;
        return cause == null ? new IOException("The connection to the repository agent at " + address + " ended.")
                : new IOException(cause.getMessage(), cause);
    }

    private IOException noAnswer() {
        return new IOException("The repository agent at " + address + " has not answered for "
                + REPLY_TIMEOUT.toMinutes() + " minutes. " + unfinishedOutcome);
    }

    @Override
    public void close() throws IOException {
        closing = true;
        try {
            socket.close();
        } finally {
            // A reader passing on a frame that nobody takes any more waits in put(); wake it.
            reader.interrupt();
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
