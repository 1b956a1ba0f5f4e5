package io.bulwark.engine.deploy;

import io.bulwark.engine.ca.ControlChannelTls;
import io.bulwark.engine.ca.EngineAuthority;
import io.bulwark.engine.servers.HostAddresses;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.AgentHealth;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/** The engine's end of the control channel: dials an agent over mutual TLS and asks it things. */
public class AgentControl {
    private final EngineAuthority authority;

    public AgentControl(EngineAuthority authority) {
        this.authority = authority;
    }

    /** Asks the agent at {@code address:port} how it is; the agent must hold a certificate this engine's CA signed for that address. */
    public AgentHealth health(String address, int port, Duration timeout) {
        return call(address, port, timeout, ControlRequest.of(ControlChannel.HEALTH), AgentHealth.class);
    }

    /**
     * Sends one request and reads its answer.
     *
     * @throws HostAccessException COMMAND when the agent answered with an error; UNREACHABLE when it could
     *                             not be reached or is not ours
     */
    public <T> T call(String address, int port, Duration timeout, ControlRequest request, Class<T> answer) {
        String endpoint = HostAddresses.endpoint(address, port);
        String line;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket socket = (SSLSocket) authority.clientContext().getSocketFactory()
                    .createSocket(plain, address, port, true)) {
                ControlChannelTls.configureClient(socket);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(ApiJson.mapper().writeValueAsBytes(request));
                out.write('\n');
                out.flush();
                line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                if (line == null) {
                    throw new IOException("the agent closed the connection without an answer");
                }
            }
        } catch (ConnectException e) {
            throw new HostAccessException(HostProblem.UNREACHABLE, "The agent on " + endpoint + " does not answer ("
                    + e.getMessage() + "): it is not running, or a firewall blocks the control port.", Map.of(), e);
        } catch (SSLException e) {
            throw new HostAccessException(HostProblem.UNREACHABLE, "The agent on " + endpoint + " is not the one this "
                    + "engine installed: its certificate was refused (" + e.getMessage() + "). Redeploy the agent.",
                    Map.of(), e);
        } catch (IOException e) {
            throw new HostAccessException(HostProblem.UNREACHABLE, "The agent on " + endpoint + " did not answer '"
                    + request.op() + "': " + e.getMessage() + ".", Map.of(), e);
        }
        return read(endpoint, request.op(), line, answer);
    }

    private static <T> T read(String endpoint, String op, String line, Class<T> answer) {
        try {
            JsonNode tree = ApiJson.mapper().readTree(line);
            // A ControlError is an answer with the one field "error". Answers of other kinds may carry
            // an "error" of their own (a TaskStatus has one, null or the failed task's reason): those
            // are answers to read, not a refused request.
            if (tree.size() == 1 && tree.path("error").isTextual()) {
                throw new HostAccessException(HostProblem.COMMAND, "The agent on " + endpoint + " could not do '"
                        + op + "': " + tree.get("error").asText(), Map.of(), null);
            }
            return ApiJson.mapper().treeToValue(tree, answer);
        } catch (JsonProcessingException e) {
            throw new HostAccessException(HostProblem.UNREACHABLE, "The agent on " + endpoint + " answered '" + op
                    + "' with something this engine cannot read (" + e.getOriginalMessage() + "). Upgrade the agent.",
                    Map.of(), e);
        }
    }
}
