package io.bulwark.engine.deploy;

import io.bulwark.engine.credentials.CredentialService;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import io.bulwark.engine.ssh.SshConnection;
import io.bulwark.engine.ssh.SshConnector;
import io.bulwark.engine.ssh.SshTarget;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.ServerView;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The one way into a managed server over SSH: with its stored credential, to its pinned host key.
 * A host that presents another key is marked so at once, and stays marked until an admin accepts
 * the new key, so every view and every later operation shows why nothing runs there.
 */
public class ServerAccess {
    private static final String SERVERS = ApiPaths.collection(ApiPaths.SERVERS);

    private final ServerService servers;
    private final CredentialService credentials;
    private final SshConnector connector;
    private final ChangeEvents events;
    private final Clock clock;

    public ServerAccess(ServerService servers, CredentialService credentials, SshConnector connector,
                        ChangeEvents events, Clock clock) {
        this.servers = servers;
        this.credentials = credentials;
        this.connector = connector;
        this.events = events;
        this.clock = clock;
    }

    public SshTarget target(ServerView server) {
        return new SshTarget(server.address(), server.sshPort(), server.hostKeyFingerprint(),
                Duration.ofSeconds(server.ports().sshTimeoutSeconds()));
    }

    /** Logs in to the server, or throws a {@link HostAccessException} that says why not. */
    public SshConnection connect(UUID serverId) {
        ServerView server = servers.get(serverId);
        if (server.builtIn()) {
            throw new HostAccessException(HostProblem.COMMAND, "'" + server.name() + "' is the backup server itself; "
                    + "the engine runs its roles in its own process and reaches it without SSH.");
        }
        try {
            return connector.connect(target(server), credentials.secrets(server.credentialId()));
        } catch (HostAccessException e) {
            if (e.problem() == HostProblem.HOST_KEY_CHANGED) {
                markAgent(serverId, AgentState.HOST_KEY_CHANGED, e.getMessage());
            }
            throw e;
        }
    }

    /** Sets the state of the server's agent and tells every console. */
    public ServerView markAgent(UUID serverId, AgentState state, String message) {
        ServerView server = servers.get(serverId);
        AgentStatus current = Objects.requireNonNullElse(server.agent(), AgentStatus.notInstalled(clock.instant()));
        ServerView changed = servers.updateAgent(serverId, current.with(state, message, clock.instant()));
        events.publish(SERVERS, ChangeAction.UPDATED, serverId, ChangeEvents.ENGINE);
        return changed;
    }

    /** Tells every console that something about the server changed (a deployment's log grew). */
    public void touched(UUID serverId) {
        events.publish(SERVERS, ChangeAction.UPDATED, serverId, ChangeEvents.ENGINE);
    }

    /** Records a new agent status as a whole (after a deployment step) and tells every console. */
    public ServerView recordAgent(UUID serverId, AgentStatus status) {
        ServerView changed = servers.updateAgent(serverId, status);
        events.publish(SERVERS, ChangeAction.UPDATED, serverId, ChangeEvents.ENGINE);
        return changed;
    }
}
