package io.bulwark.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.ManagedHostFixture;
import io.bulwark.engine.testing.Processes;
import io.bulwark.engine.testing.TestAccounts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment that goes wrong on the host says what happened and what to do, keeps the server
 * listed with its error, and is finished by the next attempt (Retry): first a host whose disk is
 * full, then an agent that cannot pass its health check, then the retry that succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentFaultsTest {
    /** Far less than the bundle (about 60 MiB): the upload runs out of space part of the way. */
    private static final String SMALL_DISK = "size=12m";

    private ManagedHostFixture fixture;
    private boolean mounted;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        fixture = ManagedHostFixture.start(temp);
    }

    @AfterAll
    void stop() throws Exception {
        unmountSmallDisk();
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void aFullDiskFailsTheUploadWithAClearMessageAndTheServerStaysListed() throws IOException {
        Path staging = Files.createDirectories(fixture.staging());
        // The folder under the mount belongs to the account too, so the retry after unmounting can stage there.
        Processes.run("chown", TestAccounts.SUDO_WITH_PASSWORD, staging.toString());
        // The staging folder on a small disk of its own: the host's disk fills up part of the way through.
        Processes.run("mount", "-t", "tmpfs", "-o", SMALL_DISK + ",mode=0755", "tmpfs", staging.toString());
        mounted = true;
        Processes.run("chown", TestAccounts.SUDO_WITH_PASSWORD, staging.toString());

        JsonNode deployment = fixture.deployAndWait();

        assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("FAILED");
        String error = lastLine(deployment);
        assertThat(error).contains("disk is full").contains("Free space");
        JsonNode server = fixture.admin().get(fixture.serverPath()).json();
        assertThat(server.path("agent").path("state").asText()).isEqualTo("FAILED");
        assertThat(server.path("agent").path("message").asText()).contains("disk is full");
    }

    @Test
    @Order(2)
    void anAgentThatFailsItsHealthCheckShowsItsLogTail() throws IOException {
        unmountSmallDisk();
        // Something else holds the agent's control port: the agent starts, cannot listen, and says so in its log.
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), fixture.controlPort()));

            JsonNode deployment = fixture.deployAndWait();

            assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("FAILED");
            assertThat(lastLine(deployment)).contains("did not pass its health check").contains("end of its log")
                    .contains("Cannot listen on");
        }
    }

    @Test
    @Order(3)
    void retryFinishesTheDeployment() {
        JsonNode deployment = fixture.deployAndWait();

        assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
        JsonNode server = fixture.admin().get(fixture.serverPath()).json();
        assertThat(server.path("agent").path("state").asText()).isEqualTo("READY");
    }

    private static String lastLine(JsonNode deployment) {
        JsonNode log = deployment.path("log");
        return log.get(log.size() - 1).path("text").asText();
    }

    private void unmountSmallDisk() {
        if (mounted) {
            Processes.run("umount", fixture.staging().toString());
            mounted = false;
        }
    }
}
