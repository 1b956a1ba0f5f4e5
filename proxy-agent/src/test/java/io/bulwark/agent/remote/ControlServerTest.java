package io.bulwark.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.testing.FreePorts;
import io.bulwark.agent.testing.TestPki;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.AgentHealth;
import io.bulwark.protocol.control.ControlChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's control channel over real TLS: the engine is served, another holder of the same CA is not. */
class ControlServerTest {
    @TempDir
    Path directory;
    private TestPki pki;
    private ControlServer server;

    @BeforeEach
    void start() throws IOException {
        pki = TestPki.create(directory);
        TestPki.Issued agent = pki.issue("agent", "127.0.0.1");
        server = ControlServer.start(new HostPort("127.0.0.1", FreePorts.loopback()),
                new TlsMaterial(agent.certificatePath(), agent.keyPath(), pki.caCertificate()),
                Map.of(ControlChannel.HEALTH,
                        body -> new AgentHealth("1.2.3+test", ControlChannel.VERSION, "host-a", 42, 7, "25")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theEngineGetsTheAgentsHealth() throws IOException {
        try (SSLSocket socket = dial(ControlChannel.ENGINE_CLIENT_NAME)) {
            JsonNode answer = ask(socket, "{\"op\":\"health\"}");

            assertThat(answer.path("version").asText()).isEqualTo("1.2.3+test");
            assertThat(answer.path("protocol").asInt()).isEqualTo(ControlChannel.VERSION);
            assertThat(answer.path("hostname").asText()).isEqualTo("host-a");
            JsonNode unknown = ask(socket, "{\"op\":\"format-disk\"}");
            assertThat(unknown.path("error").asText()).contains("unknown request 'format-disk'");
            JsonNode garbage = ask(socket, "not json");
            assertThat(garbage.path("error").asText()).startsWith("not a control request");
        }
    }

    @Test
    void anotherAgentWithACertificateFromTheSameCaIsRefused() throws IOException {
        try (SSLSocket socket = dial("proxy-on-another-host")) {
            socket.getOutputStream().write("{\"op\":\"health\"}\n".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            try {
                line = in.readLine();
            } catch (IOException closed) {
                line = null;
            }
            assertThat(line).as("no answer for a client that is not the engine").isNull();
        }
    }

    private SSLSocket dial(String clientName) throws IOException {
        TestPki.Issued client = pki.issue(clientName);
        var context = TlsContexts.create(new TlsMaterial(client.certificatePath(), client.keyPath(), pki.caCertificate()));
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.address().port());
        TlsContexts.configureProxy(socket);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private static JsonNode ask(SSLSocket socket, String request) throws IOException {
        socket.getOutputStream().write((request + "\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        return ApiJson.mapper().readTree(in.readLine());
    }
}
