package io.bulwark.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    private final ManagedHost host;
    private EngineProcess engine;
    private TestApi admin;
    private final UUID serverId;
    private final int controlPort;

    private ManagedHostFixture(ManagedHost host, EngineProcess engine, TestApi admin, UUID serverId, int controlPort) {
        this.host = host;
        this.engine = engine;
        this.admin = admin;
        this.serverId = serverId;
        this.controlPort = controlPort;
    }

    /** @param temp a folder of the test's own; the host's folders and the engine's data go under it */
    public static ManagedHostFixture start(Path temp) throws IOException {
        return start(temp, Map.of());
    }

    /** @param engineEnvironment the engine's environment, such as {@code BULWARK_AGENT_BUNDLE} */
    public static ManagedHostFixture start(Path temp, Map<String, String> engineEnvironment) throws IOException {
        ManagedHost host = ManagedHost.onLoopback(temp.resolve("host"));
        EngineProcess engine = EngineProcess.start(temp.resolve("data"), engineEnvironment);
        TestApi admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        UUID credential = addSudoCredential(admin);
        int controlPort = freePort();
        UUID serverId = addServer(admin, "kvm01", host, credential, new ServerPorts(2500, 3300, controlPort, 30));
        return new ManagedHostFixture(host, engine, admin, serverId, controlPort);
    }

    /** Stores the sudo-by-password account's credentials in the engine. */
    public static UUID addSudoCredential(TestApi admin) {
        return UUID.fromString(created(admin.post(ApiPaths.CREDENTIALS, new CredentialRequest("kvm admin",
                CredentialType.PASSWORD, TestAccounts.SUDO_WITH_PASSWORD, TestAccounts.password(), null, null, null))));
    }

    /** Adds {@code host} as a server, accepting the host key the engine reads from it. */
    public static UUID addServer(TestApi admin, String name, ManagedHost host, UUID credential, ServerPorts ports) {
        String fingerprint = admin.post(ApiPaths.SERVER_HOST_KEY, new HostKeyRequest(host.address(), host.port(), null))
                .json().path("fingerprint").asText();
        return UUID.fromString(created(admin.post(ApiPaths.SERVERS, new ServerRequest(name, host.address(), null,
                host.port(), credential, fingerprint, ports, null))));
    }

    /**
     * Stops the engine and starts it again on the same data directory, as an admin's engine upgrade does;
     * {@link #admin()} is then logged in to the new one.
     */
    public void restartEngine(Map<String, String> engineEnvironment) {
        String password = engine.initialAdminPassword();
        engine.stop();
        engine = EngineProcess.start(engine.dataDirectory(), engineEnvironment);
        admin = TestApi.of(engine).login("admin", password);
    }

    public ManagedHost host() {
        return host;
    }

    public Path installRoot() {
        return host.installRoot();
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

    /** Where the engine stages the bundle on the host. */
    public Path staging() {
        return host.staging();
    }

    /** Starts a deployment and returns it once it has ended, whichever way. */
    public JsonNode deployAndWait() {
        startDeployment(admin, serverId);
        return awaitDeployment();
    }

    public JsonNode awaitDeployment() {
        return awaitDeployment(admin, serverId);
    }

    public static void startDeployment(TestApi admin, UUID serverId) {
        Response started = admin.post(ApiPaths.SERVERS + "/" + serverId + "/deploy", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
    }

    /** Waits for the deployment to a server to end, whichever way, and returns it. */
    public static JsonNode awaitDeployment(TestApi admin, UUID serverId) {
        String path = ApiPaths.SERVERS + "/" + serverId + "/deployment";
        Instant deadline = Instant.now().plus(DEPLOY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode deployment = admin.get(path).json();
            if (!deployment.path("state").asText().equals("RUNNING")) {
                return deployment;
            }
            pause();
        }
        throw new AssertionError("The deployment did not end within " + DEPLOY_TIMEOUT + ": " + admin.get(path).body());
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
    public void close() {
        host.removeAgent();
        engine.stop();
        host.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
