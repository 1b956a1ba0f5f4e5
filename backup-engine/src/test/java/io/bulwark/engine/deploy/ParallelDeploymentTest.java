package io.bulwark.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.HostNamespace;
import io.bulwark.engine.testing.ManagedHost;
import io.bulwark.engine.testing.ManagedHostFixture;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.servers.ServerPorts;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten hosts, each a real sshd at its own address in a network namespace of its own, added to one
 * engine and deployed at once, as an admin adding a rack of proxies would. Every host uses the
 * default ports, which only separate machines (or namespaces) can: the agents' control ports do not
 * collide, and each agent answers at its own host's address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelDeploymentTest {
    private static final int HOSTS = 10;

    private final List<HostNamespace> namespaces = new ArrayList<>();
    private final List<ManagedHost> hosts = new ArrayList<>();
    private final List<UUID> servers = new ArrayList<>();
    private EngineProcess engine;
    private TestApi admin;

    @BeforeAll
    void start(@TempDir Path temp) {
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        UUID credential = ManagedHostFixture.addSudoCredential(admin);
        for (int index = 0; index < HOSTS; index++) {
            HostNamespace namespace = HostNamespace.create(index);
            namespaces.add(namespace);
            ManagedHost host = ManagedHost.inNamespace(temp.resolve("host-" + index), namespace);
            hosts.add(host);
            servers.add(ManagedHostFixture.addServer(admin, "rack-" + index, host, credential, ServerPorts.DEFAULTS));
        }
    }

    @AfterAll
    void stop() {
        hosts.forEach(ManagedHost::close);
        if (engine != null) {
            engine.stop();
        }
        namespaces.forEach(HostNamespace::close);
    }

    @Test
    void tenHostsDeployedAtOnceEachGetTheirOwnReadyAgent() throws Exception {
        servers.forEach(server -> ManagedHostFixture.startDeployment(admin, server));

        Set<String> certificates = new HashSet<>();
        for (int index = 0; index < HOSTS; index++) {
            JsonNode deployment = ManagedHostFixture.awaitDeployment(admin, servers.get(index));
            assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
            JsonNode server = admin.get(ApiPaths.SERVERS + "/" + servers.get(index)).json();
            assertThat(server.path("agent").path("state").asText()).as(server.toPrettyString()).isEqualTo("READY");
            certificates.add(server.path("agent").path("certificateFingerprint").asText());
            assertThat(hosts.get(index).installRoot().resolve("etc/bulwark/agent/agent.key")).exists();
            try (Socket control = new Socket()) {
                control.connect(new InetSocketAddress(hosts.get(index).address(), ServerPorts.DEFAULTS.controlPort()),
                        5_000);
            }
        }
        assertThat(certificates).as("each agent made its own key on its own host").hasSize(HOSTS);
    }
}
