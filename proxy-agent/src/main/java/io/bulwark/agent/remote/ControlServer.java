package io.bulwark.agent.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlError;
import io.bulwark.protocol.control.ControlRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's end of the control channel ({@link ControlChannel}): TLS 1.3 on the control port,
 * serving only the engine whose CA signed this agent's certificate. One virtual thread per
 * connection; each request line gets one answer line.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    /** A silent engine connection is dropped after this long, so a stuck client cannot pin a thread. */
    private static final Duration IDLE = Duration.ofMinutes(5);

    private final ServerSocket server;
    private final SSLContext context;
    private final Map<String, ControlHandler> handlers;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ObjectMapper json = ApiJson.mapper();
    private volatile boolean closing;

    private ControlServer(ServerSocket server, SSLContext context, Map<String, ControlHandler> handlers) {
        this.server = server;
        this.context = context;
        this.handlers = Map.copyOf(handlers);
        Thread.ofPlatform().name("control-acceptor").start(this::accept);
    }

    /** @param handlers what each op of the control channel does, by op name */
    public static ControlServer start(HostPort listen, TlsMaterial tls, Map<String, ControlHandler> handlers)
            throws IOException {
        SSLContext context = TlsContexts.create(tls);
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(listen.host(), listen.port()), 16);
        } catch (IOException e) {
            server.close();
            throw new IOException("Cannot listen on " + listen + " for the control channel: " + e.getMessage()
                    + ". Is another agent running, or is the port taken?", e);
        }
        LOG.info("Control channel on {}", listen);
        return new ControlServer(server, context, handlers);
    }

    public HostPort address() {
        InetSocketAddress bound = (InetSocketAddress) server.getLocalSocketAddress();
        return new HostPort(bound.getAddress().getHostAddress(), bound.getPort());
    }

    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    private void accept() {
        while (!closing) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().name("control " + socket.getRemoteSocketAddress()).start(() -> serve(socket));
            } catch (IOException e) {
                if (!closing) {
                    LOG.warn("Accepting a control connection failed: {}", e.getMessage());
                }
            }
        }
        stopped.countDown();
    }

    private void serve(Socket plain) {
        String peer = String.valueOf(plain.getRemoteSocketAddress());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true)) {
            TlsContexts.configureAgent(socket);
            socket.setSoTimeout((int) IDLE.toMillis());
            socket.startHandshake();
            String client = commonName((X509Certificate) socket.getSession().getPeerCertificates()[0]);
            if (!ControlChannel.ENGINE_CLIENT_NAME.equals(client)) {
                LOG.warn("Refused a control connection from {}: its certificate names '{}', not the engine", peer, client);
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                out.write(json.writeValueAsBytes(answer(line)));
                out.write('\n');
                out.flush();
            }
        } catch (SSLException e) {
            LOG.warn("Refused a control connection from {}: {}", peer, e.getMessage());
        } catch (IOException e) {
            if (!closing) {
                LOG.info("Control connection from {} ended: {}", peer, e.getMessage());
            }
        }
    }

    private Object answer(String line) {
        if (line.length() > ControlChannel.MAX_LINE) {
            return new ControlError("request longer than " + ControlChannel.MAX_LINE + " characters");
        }
        ControlRequest request;
        try {
            request = json.readValue(line, ControlRequest.class);
        } catch (JsonProcessingException e) {
            return new ControlError("not a control request: " + e.getOriginalMessage());
        }
        ControlHandler handler = handlers.get(String.valueOf(request.op()));
        if (handler == null) {
            return new ControlError("unknown request '" + request.op() + "'; this agent speaks control protocol "
                    + ControlChannel.VERSION);
        }
        try {
            return handler.handle(request.body());
        } catch (Exception e) {
            LOG.warn("Control request '{}' failed: {}", request.op(), e.getMessage());
            return new ControlError(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Closing the control port failed: {}", e.getMessage());
        }
    }
}
