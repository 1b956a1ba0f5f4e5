package io.bulwark.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.SshHost;
import io.bulwark.engine.testing.TestAccounts;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.servers.HostKeyRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Adding managed servers through the REST API of a real engine process, against a real sshd. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedServersApiTest {
    private EngineProcess engine;
    private TestApi admin;
    private SshHost host;

    @BeforeAll
    void start(@TempDir Path temp) {
        TestAccounts.password();
        host = SshHost.start();
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.stop();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void theHostKeyIsShownForAcceptanceBeforeAnythingElse() {
        Response response = admin.post(ApiPaths.SERVER_HOST_KEY, new HostKeyRequest(host.address(), host.port(), null));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode key = response.json();
        assertThat(key.path("fingerprint").asText()).isEqualTo(host.hostKeyFingerprint());
        assertThat(key.path("algorithm").asText()).isEqualTo("ssh-ed25519");
    }

    @Test
    void aClosedPortIsReportedAsARefusedConnection() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Response response = admin.post(ApiPaths.SERVER_HOST_KEY, new HostKeyRequest("127.0.0.1", closed, 5));

        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(response.json().path("fields").path("problem").asText()).isEqualTo("REFUSED");
        assertThat(response.json().path("message").asText()).contains("refused the connection on port " + closed);
    }
}
