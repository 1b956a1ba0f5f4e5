package io.bulwark.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.agent.testing.DataMoverProcess;
import io.bulwark.agent.testing.DiskImages;
import io.bulwark.agent.testing.FreePorts;
import io.bulwark.agent.testing.TestPki;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlRequest;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.DiskSourceSpec;
import io.bulwark.protocol.control.RepositoryInit;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.control.TaskQuery;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.inventory.DiskFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent run} as the installer starts it, driven as the engine drives it over the control
 * channel: a repository initialised there, a disk backed up by the agent into that repository
 * through its own data listener, a folder it never initialised refused, and a restore.
 */
class AgentRunTasksTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final long MIB = 1 << 20;
    private final ObjectMapper json = ApiJson.mapper();

    @TempDir
    Path directory;
    private TestPki pki;
    private DataMoverProcess agent;
    private int controlPort;
    private int dataPort;

    @BeforeEach
    void install() throws IOException {
        pki = TestPki.create(directory.resolve("pki"));
        TestPki.Issued identity = pki.issue("agent", "127.0.0.1");
        Path config = Files.createDirectories(directory.resolve("etc"));
        Files.copy(identity.certificatePath(), config.resolve("agent.crt"));
        Files.copy(identity.keyPath(), config.resolve("agent.key"));
        Files.copy(pki.caCertificate(), config.resolve("ca.crt"));
        controlPort = FreePorts.loopback();
        dataPort = FreePorts.loopback();
        Files.writeString(config.resolve(AgentSettings.CONFIG_FILE), "CONTROL_ADDRESS=127.0.0.1\nCONTROL_PORT="
                + controlPort + "\nDATA_PORT_FIRST=" + dataPort + "\nDATA_PORT_LAST=" + dataPort + "\n");
        agent = DataMoverProcess.start(directory, "agent", "run", "--config", config.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!agent.output().contains("repository data on")) {
            assertThat(agent.process().isAlive()).as(agent.output()).isTrue();
            assertThat(System.nanoTime()).as("agent run did not start: " + agent.output()).isLessThan(deadline);
            sleep(50);
        }
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void theEngineBacksUpIntoARepositoryTheAgentServesAndRestoresFromIt() throws Exception {
        Path repository = directory.resolve("repo");
        Path disk = DiskImages.createSparseRaw(directory.resolve("web.raw"), 16 * MIB);
        byte[] data = new byte[(int) (3 * MIB)];
        new Random(3).nextBytes(data);
        DiskImages.writeRaw(disk, 5 * MIB, data);
        RepositoryTarget served = new RepositoryTarget(repository.toString(), "127.0.0.1", dataPort, PASSWORD);
        try (SSLSocket engine = dial(ControlChannel.ENGINE_CLIENT_NAME)) {
            JsonNode initialised = ask(engine, ControlChannel.INIT_REPOSITORY,
                    new RepositoryInit(repository.toString(), PASSWORD, "hint"));
            assertThat(initialised.path("created").asBoolean()).as(initialised.toString()).isTrue();
            assertThat(Files.readString(directory.resolve("etc").resolve(InitialisedRepositories.FILE)))
                    .contains(repository.toString());

            DiskBackupOrder order = new DiskBackupOrder("t1", DiskSourceSpec.file(disk.toString(), DiskFormat.RAW, null,
                    null), served, "web", 1 << 20, "optimal");
            TaskStatus started = status(ask(engine, ControlChannel.BACKUP_DISK, order));
            assertThat(started.taskId()).isEqualTo("t1");
            TaskStatus backedUp = awaitFinished(engine, "t1");
            assertThat(backedUp.state()).as(backedUp.error() + " " + backedUp.log()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(backedUp.bytesRead()).isEqualTo(3 * MIB);
            assertThat(backedUp.bytesTransferred()).as("sent to the data listener").isGreaterThan(3 * MIB);
            assertThat(backedUp.load().network()).isBetween(0, 100);
            assertThat(backedUp.load().bottleneck()).isIn("None", "Source", "Proxy", "Network", "Target");
            assertThat(status(ask(engine, ControlChannel.BACKUP_DISK, order)).pointId())
                    .as("the same task id starts nothing new").isEqualTo(backedUp.pointId());
            assertThat(status(ask(engine, ControlChannel.TASK_CANCEL, new TaskQuery("t1"))).state())
                    .as("a finished task stays as it ended").isEqualTo(TaskState.SUCCEEDED);

            Path elsewhere = Files.createDirectories(directory.resolve("not-initialised"));
            ask(engine, ControlChannel.BACKUP_DISK, new DiskBackupOrder("t2", DiskSourceSpec.file(disk.toString(),
                    DiskFormat.RAW, null, null), new RepositoryTarget(elsewhere.toString(), "127.0.0.1", dataPort,
                    PASSWORD), "web", 1 << 20, "optimal"));
            TaskStatus refused = awaitFinished(engine, "t2");
            assertThat(refused.state()).isEqualTo(TaskState.FAILED);
            assertThat(refused.error()).contains(elsewhere + " is not a repository the engine initialised");

            Path restored = directory.resolve("web-restored.raw");
            ask(engine, ControlChannel.RESTORE_DISK, new DiskRestoreOrder("t3", new RepositoryTarget(repository.toString(),
                    null, 0, PASSWORD), backedUp.pointId(), "web", restored.toString(), DiskFormat.RAW, false, false));
            TaskStatus restore = awaitFinished(engine, "t3");
            assertThat(restore.state()).as(restore.error()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(Files.mismatch(restored, disk)).isEqualTo(-1);

            JsonNode remoteRestore = ask(engine, ControlChannel.RESTORE_DISK, new DiskRestoreOrder("t4", served, null,
                    "web", directory.resolve("other.raw").toString(), DiskFormat.RAW, false, false));
            assertThat(remoteRestore.path("error").asText()).contains("is not supported");
            assertThat(ask(engine, ControlChannel.TASK_STATUS, new TaskQuery("nope")).path("error").asText())
                    .contains("no task nope");
        }
        assertThat(agent.output()).doesNotContain(PASSWORD);
    }

    private TaskStatus awaitFinished(SSLSocket engine, String taskId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            TaskStatus status = status(ask(engine, ControlChannel.TASK_STATUS, new TaskQuery(taskId)));
            if (status.state().finished()) {
                return status;
            }
            assertThat(System.nanoTime()).as("task " + taskId + " still runs: " + status.log()).isLessThan(deadline);
            sleep(50);
        }
    }

    private TaskStatus status(JsonNode answer) throws IOException {
        assertThat(answer.has("error") && !answer.has("taskId")).as(answer.toString()).isFalse();
        return json.treeToValue(answer, TaskStatus.class);
    }

    private SSLSocket dial(String clientName) throws IOException {
        TestPki.Issued client = pki.issue(clientName);
        var context = TlsContexts.create(new TlsMaterial(client.certificatePath(), client.keyPath(), pki.caCertificate()));
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", controlPort);
        TlsContexts.configureProxy(socket);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        return socket;
    }

    private JsonNode ask(SSLSocket socket, String op, Object body) throws IOException {
        byte[] line = json.writeValueAsBytes(new ControlRequest(op, json.valueToTree(body)));
        socket.getOutputStream().write(line);
        socket.getOutputStream().write('\n');
        socket.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        return json.readTree(in.readLine());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
