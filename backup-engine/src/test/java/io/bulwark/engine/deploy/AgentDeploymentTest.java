package io.bulwark.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.repository.RepositoryLayout;
import io.bulwark.engine.testing.ManagedHostFixture;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficRuleRequest;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole deployment, through the REST API of a real engine, to a real sshd host: analysis,
 * upload of the real agent bundle (jlink runtime and agent), install through sudo, a certificate
 * from the engine's CA for a key made on the host, the supervised service, and the health check
 * over the mutual-TLS control channel. Then a redeploy, which must find nothing to do; the proxy
 * and repository roles on that agent; and the removal that leaves nothing of Bulwark on the host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentDeploymentTest {
    private Path temp;
    private ManagedHostFixture fixture;
    private Path installRoot;
    private TestApi admin;
    private String serverId;
    private String bundleVersion;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        this.temp = temp;
        fixture = ManagedHostFixture.start(temp);
        installRoot = fixture.installRoot();
        admin = fixture.admin();
        serverId = fixture.serverId().toString();
        bundleVersion = Files.readString(Path.of("..", "installer", "target", "agent-bundle", "VERSION")).strip();
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void aFreshHostGetsARunningHealthyAgent() {
        JsonNode deployment = fixture.deployAndWait();

        assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(deployment.path("uploadedBytes").asLong()).isGreaterThan(10_000_000L);
        JsonNode server = admin.get(ApiPaths.SERVERS + "/" + serverId).json();
        assertThat(server.path("agent").path("state").asText()).isEqualTo("READY");
        assertThat(server.path("agent").path("version").asText()).isEqualTo(bundleVersion);
        assertThat(server.path("agent").path("certificateFingerprint").asText()).isNotBlank();
        assertThat(server.path("facts").path("architecture").asText()).isEqualTo("x86_64");
        assertThat(server.path("facts").path("cpuCores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(installRoot.resolve("etc/bulwark/agent/agent.key")).exists();
        assertThat(installRoot.resolve("opt/bulwark/agent/VERSION")).hasContent(bundleVersion);
        System.out.println("Fresh deployment log:\n" + deployment.path("log").toPrettyString());
    }

    @Test
    @Order(2)
    void aRedeployToAnUpToDateHostUploadsNothingAndChangesNothing() throws IOException {
        byte[] certificate = Files.readAllBytes(installRoot.resolve("etc/bulwark/agent/agent.crt"));

        JsonNode deployment = fixture.deployAndWait();

        assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(deployment.path("uploadedBytes").asLong()).isZero();
        assertThat(deployment.path("log").toString()).contains("nothing to do");
        assertThat(Files.readAllBytes(installRoot.resolve("etc/bulwark/agent/agent.crt"))).isEqualTo(certificate);
    }

    @Test
    @Order(3)
    void rescanRecordsTheFactsAndSeesTheAgentReady() {
        Response rescan = admin.post(ApiPaths.SERVERS + "/" + serverId + "/rescan", null);

        assertThat(rescan.status()).as(rescan.toString()).isEqualTo(200);
        assertThat(rescan.json().path("agent").path("state").asText()).isEqualTo("READY");
        assertThat(rescan.json().path("facts").path("memoryBytes").asLong()).isPositive();
    }

    @Test
    @Order(4)
    void aProxyOnAServerWithAReadyAgentIsReadyAtOnce() {
        Response proxy = admin.post(ApiPaths.PROXIES, new ProxyRequest(null, null, UUID.fromString(serverId), null,
                null, null, null, null));

        assertThat(proxy.status()).as(proxy.toString()).isEqualTo(201);
        assertThat(proxy.json().path("status").path("state").asText()).isEqualTo("READY");
        // Proposed from the analysis: one task per CPU core.
        assertThat(proxy.json().path("maxConcurrentTasks").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    @Order(5)
    void aRepositoryIsCreatedOnTheHostThroughItsAgent() {
        Path folder = temp.resolve("repositories/main");
        String id = ManagedHostFixture.created(admin.post(ApiPaths.REPOSITORIES, new RepositoryRequest("kvm01 repository", null,
                UUID.fromString(serverId), folder.toString(), 2,
                new EncryptionRequest(true, "correct horse battery", "the usual"))));

        JsonNode repository = awaitSetUp(id);

        assertThat(repository.path("status").path("state").asText()).as(repository.toPrettyString()).isEqualTo("READY");
        assertThat(new RepositoryLayout(folder).config()).isRegularFile();
        assertThat(new RepositoryLayout(folder).keyFile()).content().contains("the usual")
                .doesNotContain("correct horse battery");
    }

    @Test
    @Order(6)
    void aRepositoryThatCannotBeCreatedSaysWhyAndStaysListed() throws IOException {
        Path blocker = Files.writeString(temp.resolve("not-a-folder"), "a file where a folder should be");
        String id = ManagedHostFixture.created(admin.post(ApiPaths.REPOSITORIES, new RepositoryRequest("broken repository", null,
                UUID.fromString(serverId), blocker.resolve("repo").toString(), 2, null)));

        JsonNode repository = awaitSetUp(id);

        assertThat(repository.path("status").path("state").asText()).as(repository.toPrettyString()).isEqualTo("FAILED");
        assertThat(repository.path("status").path("message").asText()).contains(blocker.resolve("repo").toString());
    }

    @Test
    @Order(7)
    void aNewTrafficRuleReachesTheRunningAgent() {
        Response rule = admin.post(ApiPaths.TRAFFIC_RULES, new TrafficRuleRequest("Branch link", "127.0.0.0/8", "any",
                false, new Throttle(true, 50, ThrottleUnit.MBIT_PER_SEC), TrafficSchedule.ALWAYS));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);

        Path policy = installRoot.resolve("etc/bulwark/agent/traffic-policy.json");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && !contains(policy, "Branch link")) {
            ManagedHostFixture.pause();
        }
        assertThat(policy).content().contains("Branch link").contains("127.0.0.0-127.255.255.255");
    }

    @Test
    @Order(8)
    void removingTheLastRoleRemovesTheAgentAndKeepsTheBackups() {
        Path backups = new RepositoryLayout(temp.resolve("repositories/main")).config();
        deleteRoles(ApiPaths.REPOSITORIES);
        Response withRoles = admin.post(ApiPaths.SERVERS + "/" + serverId + "/remove", null);
        assertThat(withRoles.status()).as(withRoles.toString()).isEqualTo(409);
        assertThat(withRoles.json().path("message").asText()).contains("proxy");
        assertThat(installRoot.resolve("opt/bulwark/agent/VERSION")).as("the proxy still needs the agent").exists();

        deleteRoles(ApiPaths.PROXIES);

        JsonNode server = awaitAgent("NOT_INSTALLED");
        assertThat(server.path("agent").path("state").asText()).as(server.toPrettyString()).isEqualTo("NOT_INSTALLED");
        assertThat(installRoot.resolve("opt/bulwark")).doesNotExist();
        assertThat(installRoot.resolve("etc/bulwark")).doesNotExist();
        assertThat(fixture.staging()).doesNotExist();
        assertThat(backups).as("a removed repository's backups stay on the host").isRegularFile();
    }

    @Test
    @Order(9)
    void aRoleAddedAgainBringsTheAgentBack() {
        Response proxy = admin.post(ApiPaths.PROXIES, new ProxyRequest(null, null, UUID.fromString(serverId), null,
                null, null, null, null));
        assertThat(proxy.status()).as(proxy.toString()).isEqualTo(201);

        JsonNode server = awaitAgent("READY");
        // The agent reads as ready before the deployment's last step, which sets up the roles, ends.
        JsonNode deployment = fixture.awaitDeployment();

        assertThat(server.path("agent").path("state").asText()).as(server.toPrettyString()).isEqualTo("READY");
        assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(installRoot.resolve("opt/bulwark/agent/VERSION")).hasContent(bundleVersion);
    }

    @Test
    @Order(10)
    void removingTheServerUninstallsEverythingOfBulwarkFromTheHost() {
        // Remove at once: the removal the last role started is waited for, not run twice.
        deleteRoles(ApiPaths.PROXIES);

        Response removed = admin.post(ApiPaths.SERVERS + "/" + serverId + "/remove", null);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(admin.get(ApiPaths.SERVERS + "/" + serverId).status()).isEqualTo(404);
        assertThat(installRoot.resolve("opt/bulwark")).doesNotExist();
        assertThat(installRoot.resolve("etc/bulwark")).doesNotExist();
        assertThat(installRoot.resolve("var/lib/bulwark")).doesNotExist();
        assertThat(fixture.staging()).doesNotExist();
    }

    /** Deletes the server's roles in one collection, as an admin's Remove does. */
    private void deleteRoles(String collection) {
        for (JsonNode role : admin.get(collection).json()) {
            if (role.path("serverId").asText().equals(serverId)) {
                assertThat(admin.delete(collection + "/" + role.path("id").asText()).status()).isEqualTo(204);
            }
        }
    }

    /** The server once its agent reaches {@code state}, or as it is after the deployment timeout. */
    private JsonNode awaitAgent(String state) {
        Instant deadline = Instant.now().plus(ManagedHostFixture.DEPLOY_TIMEOUT);
        JsonNode server = admin.get(ApiPaths.SERVERS + "/" + serverId).json();
        while (Instant.now().isBefore(deadline) && !state.equals(server.path("agent").path("state").asText())) {
            ManagedHostFixture.pause();
            server = admin.get(ApiPaths.SERVERS + "/" + serverId).json();
        }
        return server;
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private JsonNode awaitSetUp(String repositoryId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode repository = admin.get(ApiPaths.REPOSITORIES + "/" + repositoryId).json();
        while (Instant.now().isBefore(deadline) && repository.path("status").path("state").asText().equals("INSTALLING")) {
            ManagedHostFixture.pause();
            repository = admin.get(ApiPaths.REPOSITORIES + "/" + repositoryId).json();
        }
        return repository;
    }

}
