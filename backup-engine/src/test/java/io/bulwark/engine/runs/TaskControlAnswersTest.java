package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.remote.ControlServer;
import io.bulwark.agent.remote.HostPort;
import io.bulwark.engine.ca.EngineAuthority;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.deploy.AgentControl;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlRequest;
import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine reads a task's status from a real agent control server (the agent's own class, over
 * mutual TLS with certificates from the engine's CA): a status is an answer whatever its
 * {@code error} field holds, and only a refused request is an error.
 */
class TaskControlAnswersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path temp;
    private ControlServer agent;
    private AgentControl control;

    @BeforeEach
    void start() throws Exception {
        DataDirectory directory = DataDirectory.open(temp.resolve("data"));
        EngineAuthority authority = EngineAuthority.loadOrCreate(directory, MasterKey.open(directory, null));
        control = new AgentControl(authority);
        // The certificate names "localhost": the engine dials the agent by that name.
        agent = ControlServer.start(new HostPort("127.0.0.1", freePort()), BuiltInAgentTls.prepare(temp.resolve("agent"),
                authority), Map.of(
                ControlChannel.BACKUP_DISK, body -> status(TaskState.RUNNING, null),
                ControlChannel.TASK_STATUS,
                body -> status(TaskState.FAILED, "The NBD server closed the connection.")));
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aStartedTaskWhoseErrorIsNullIsAStatusNotARefusal() {
        TaskStatus started = call(ControlChannel.BACKUP_DISK);

        assertThat(started.state()).isEqualTo(TaskState.RUNNING);
        assertThat(started.error()).isNull();
    }

    @Test
    void aFailedTaskIsReadWithItsReason() {
        TaskStatus failed = call(ControlChannel.TASK_STATUS);

        assertThat(failed.state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.error()).isEqualTo("The NBD server closed the connection.");
    }

    @Test
    void aRefusedRequestIsAnErrorWithTheAgentsWords() {
        assertThatThrownBy(() -> call(ControlChannel.RESTORE_DISK))
                .isInstanceOfSatisfying(HostAccessException.class, e -> assertThat(e.problem())
                        .isEqualTo(HostProblem.COMMAND))
                .hasMessageContaining("could not do 'restore-disk'").hasMessageContaining("unknown request");
    }

    private TaskStatus call(String op) {
        return control.call("localhost", agent.address().port(), TIMEOUT, ControlRequest.of(op), TaskStatus.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static TaskStatus status(TaskState state, String error) {
        return new TaskStatus("task-1", state, 100, 0, 0, 0, StageLoad.NONE, null, error, List.of());
    }
}
