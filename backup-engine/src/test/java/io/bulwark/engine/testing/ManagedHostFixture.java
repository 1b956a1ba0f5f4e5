package io.bulwark.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.deploy.AgentDeployer;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.servers.HostKeyRequest;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

/**
 * A real engine and a real sshd host it manages, added as a server with the sudo-by-password
 * account and its host key accepted: the start of every deployment test. The host installs under
 * its own root folder, so the machine's {@code /} is never touched; closing it removes whatever
 * agent a test left running.
 */
public final class ManagedHostFixture implements AutoCloseable {
    public static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(180);

    private final Path installRoot;
    private final SshHost host;
    private final EngineProcess engine;
    private final TestApi admin;
    private final UUID serverId;
    private final int controlPort;

    private ManagedHostFixture(Path installRoot, SshHost host, EngineProcess engine, TestApi admin, UUID serverId,
                               int controlPort) {
        this.installRoot = installRoot;
        this.host = host;
        this.engine = engine;
        this.admin = admin;
        this.serverId = serverId;
        this.controlPort = controlPort;
    }

    /** @param temp a folder of the test's own; the host's root and the engine's data go under it */
    public static ManagedHostFixture start(Path temp) throws IOException {
        // A host's /opt and /etc are open to every account; JUnit's temporary folder is not.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path installRoot = Files.createDirectories(temp.resolve("host-root"));
        for (String folder : new String[] {"opt", "etc", "var/lib", "var/log", "run"}) {
            Files.createDirectories(installRoot.resolve(folder));
        }
        String password = TestAccounts.password();
        deleteTree(staging());
        SshHost host = SshHost.start(installRoot);
        EngineProcess engine = EngineProcess.start(temp.resolve("data"), Map.of());
        TestApi admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        String credential = created(admin.post(ApiPaths.CREDENTIALS, new CredentialRequest("kvm admin",
                CredentialType.PASSWORD, TestAccounts.SUDO_WITH_PASSWORD, password, null, null, null)));
        String fingerprint = admin.post(ApiPaths.SERVER_HOST_KEY, new HostKeyRequest(host.address(), host.port(), null))
                .json().path("fingerprint").asText();
        int controlPort = freePort();
        String serverId = created(admin.post(ApiPaths.SERVERS, new ServerRequest("kvm01", host.address(), null,
                host.port(), UUID.fromString(credential), fingerprint, new ServerPorts(2500, 3300, controlPort, 30))));
        return new ManagedHostFixture(installRoot, host, engine, admin, UUID.fromString(serverId), controlPort);
    }

    public Path installRoot() {
        return installRoot;
    }

    public TestApi admin() {
        return admin;
    }

    public UUID serverId() {
        return serverId;
    }

    public String serverPath() {
        return ApiPaths.SERVERS + "/" + serverId;
    }

    public int controlPort() {
        return controlPort;
    }

    /** Where the engine stages the bundle on the host: the sudo account's home. */
    public static Path staging() {
        return TestAccounts.home(TestAccounts.SUDO_WITH_PASSWORD).resolve(AgentDeployer.STAGING);
    }

    /** Starts a deployment and returns it once it has ended, whichever way. */
    public JsonNode deployAndWait() {
        Response started = admin.post(serverPath() + "/deploy", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return awaitDeployment();
    }

    public JsonNode awaitDeployment() {
        Instant deadline = Instant.now().plus(DEPLOY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode deployment = admin.get(serverPath() + "/deployment").json();
            if (!deployment.path("state").asText().equals("RUNNING")) {
                return deployment;
            }
            pause();
        }
        throw new AssertionError("The deployment did not end within " + DEPLOY_TIMEOUT + ": "
                + admin.get(serverPath() + "/deployment").body());
    }

    public static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    public static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        Path script = staging().resolve("bulwark-installer.sh");
        if (Files.exists(script)) {
            // Stop the agent the test started, and leave the account as it was.
            ProcessBuilder remove = new ProcessBuilder("sh", script.toString(), "remove", "--staging",
                    staging().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            remove.environment().put("BULWARK_ROOT", installRoot.toString());
            remove.start().waitFor();
        }
        engine.stop();
        host.close();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
