package io.bulwark.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.ManagedHostFixture;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.installer.BundleManifest;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.proxies.ProxyRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine upgrade as an admin lives it, on a real sshd host: an engine deploys an older agent
 * bundle (another VERSION, a changed file, a file the new one no longer has), is replaced by one
 * with the build's bundle on the same data directory, shows the agent as Upgrade Available at once,
 * with nobody rescanning, and the Upgrade (a deployment) puts the new agent on the host, uploading
 * only the changed file, so that it answers its health check with the new version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentUpgradeTest {
    private static final String OLD_VERSION = "0.0.9-older-test-build";
    /** A file of the Java runtime that the agent never reads, so that changing it changes only the bundle. */
    private static final String CHANGED_FILE = "runtime/release";
    private static final String DROPPED_FILE = "lib/ONLY-IN-THE-OLDER-BUNDLE.txt";

    private final Path bundle = Path.of("..", "installer", "target", "agent-bundle").toAbsolutePath().normalize();
    private ManagedHostFixture fixture;
    private String newVersion;
    private String proxyId;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        newVersion = Files.readString(bundle.resolve("VERSION")).strip();
        Path older = olderCopy(bundle, temp.resolve("older-bundle"));
        fixture = ManagedHostFixture.start(temp, Map.of("BULWARK_AGENT_BUNDLE", older.toString()));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void theOlderEngineDeploysItsAgentAndAProxyOnIt() {
        JsonNode deployment = fixture.deployAndWait();
        assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
        Response proxy = fixture.admin().post(ApiPaths.PROXIES, new ProxyRequest(null, null, fixture.serverId(), null,
                null, null, null, null));
        assertThat(proxy.status()).as(proxy.toString()).isEqualTo(201);
        proxyId = proxy.json().path("id").asText();

        JsonNode agent = fixture.admin().get(fixture.serverPath()).json().path("agent");
        assertThat(agent.path("state").asText()).isEqualTo("READY");
        assertThat(agent.path("version").asText()).isEqualTo(OLD_VERSION);
        assertThat(fixture.installRoot().resolve("opt/bulwark/agent/VERSION")).hasContent(OLD_VERSION);
        assertThat(fixture.installRoot().resolve("opt/bulwark/agent/" + DROPPED_FILE)).exists();
        assertThat(proxy.json().path("status").path("state").asText()).isEqualTo("READY");
    }

    @Test
    @Order(2)
    void afterTheEngineUpgradeTheAgentIsFlaggedWithoutARescan() {
        // The bundle beside the engine, found as an installed engine finds its own.
        fixture.restartEngine(Map.of());

        JsonNode agent = fixture.admin().get(fixture.serverPath()).json().path("agent");
        assertThat(agent.path("state").asText()).as(agent.toPrettyString()).isEqualTo("UPGRADE_AVAILABLE");
        assertThat(agent.path("message").asText())
                .isEqualTo("Agent " + OLD_VERSION + " runs; this engine deploys " + newVersion + ".");
        assertThat(agent.path("version").asText()).isEqualTo(OLD_VERSION);
        JsonNode proxy = fixture.admin().get(ApiPaths.PROXIES + "/" + proxyId).json();
        assertThat(proxy.path("status").path("state").asText()).as("the proxy view shows its agent's state")
                .isEqualTo("UPGRADE_AVAILABLE");
        assertThat(proxy.path("status").path("message").asText())
                .isEqualTo(agent.path("message").asText() + " Upgrade the agent in Managed Servers.");
        assertThat(fixture.admin().get(fixture.serverPath() + "/deployment").status())
                .as("nothing was deployed, nor the host touched, to find this out").isEqualTo(404);
        assertThat(fixture.installRoot().resolve("opt/bulwark/agent/VERSION")).hasContent(OLD_VERSION);
    }

    @Test
    @Order(3)
    void theUpgradeInstallsTheNewAgentUploadingOnlyWhatChanged() throws IOException {
        JsonNode deployment = fixture.deployAndWait();

        assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(deployment.path("uploadedBytes").asLong()).as(deployment.path("log").toPrettyString())
                .isEqualTo(Files.size(bundle.resolve(CHANGED_FILE)));
        JsonNode agent = fixture.admin().get(fixture.serverPath()).json().path("agent");
        assertThat(agent.path("state").asText()).as(agent.toPrettyString()).isEqualTo("READY");
        assertThat(agent.path("version").asText()).isEqualTo(newVersion);
        Path installed = fixture.installRoot().resolve("opt/bulwark/agent");
        assertThat(installed.resolve("VERSION")).hasContent(newVersion);
        assertThat(installed.resolve(CHANGED_FILE)).hasSameBinaryContentAs(bundle.resolve(CHANGED_FILE));
        assertThat(installed.resolve(DROPPED_FILE)).as("a file the new bundle lacks is gone").doesNotExist();
    }

    @Test
    @Order(4)
    void theUpgradedAgentAnswersItsHealthCheckWithTheNewVersion() {
        // A rescan asks the agent over its mutual-TLS control channel, apart from the deployment's own check.
        Response rescan = fixture.admin().post(fixture.serverPath() + "/rescan", null);

        assertThat(rescan.status()).as(rescan.toString()).isEqualTo(200);
        assertThat(rescan.json().path("agent").path("state").asText()).isEqualTo("READY");
        assertThat(rescan.json().path("agent").path("version").asText()).isEqualTo(newVersion);
        assertThat(fixture.admin().get(ApiPaths.PROXIES + "/" + proxyId).json().path("status").path("state").asText())
                .isEqualTo("READY");
    }

    /**
     * The build's bundle as an older build's: another VERSION, one runtime file changed, one file more.
     * The rest is hard-linked (symbolic links copied as such), so the copy costs no space.
     */
    private static Path olderCopy(Path bundle, Path copy) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(bundle)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            String relative = bundle.relativize(path).toString();
            Path target = copy.resolve(relative);
            if (Files.isSymbolicLink(path)) {
                Files.createSymbolicLink(target, Files.readSymbolicLink(path));
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            } else if (!List.of(CHANGED_FILE, BundleManifest.FILE_NAME, BundleManifest.VERSION_FILE_NAME)
                    .contains(relative)) {
                Files.createLink(target, path);
            }
        }
        Files.writeString(copy.resolve(CHANGED_FILE), Files.readString(bundle.resolve(CHANGED_FILE))
                + "BULWARK_TEST=\"an older build\"\n");
        Files.writeString(copy.resolve(DROPPED_FILE), "Only the older bundle has this file.\n");
        Files.writeString(copy.resolve(BundleManifest.VERSION_FILE_NAME), OLD_VERSION + "\n");
        Files.writeString(copy.resolve(BundleManifest.FILE_NAME), BundleManifest.scan(copy).format());
        return copy;
    }
}
