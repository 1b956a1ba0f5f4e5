package io.bulwark.engine.deploy;

import io.bulwark.engine.api.ApiRoute;
import io.bulwark.engine.api.ApiServer;
import io.bulwark.engine.api.RequestBodies;
import io.bulwark.engine.api.RouteSource;
import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.entities.ChangeRecorder;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.servers.HostAddresses;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.ssh.HostKey;
import io.bulwark.engine.ssh.SshConnector;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.HostKeyRequest;
import io.bulwark.protocol.servers.HostKeyView;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerView;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The REST API of reaching managed servers: their host keys, their analysis, their agents. */
public class DeploymentRoutes implements RouteSource {
    private final SshConnector connector;
    private final AgentDeployer deployer;
    private final ServerService servers;
    private final ChangeRecorder changes;

    public DeploymentRoutes(SshConnector connector, AgentDeployer deployer, ServerService servers,
                            ChangeRecorder changes) {
        this.connector = connector;
        this.deployer = deployer;
        this.servers = servers;
        this.changes = changes;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.POST, ApiPaths.SERVER_HOST_KEY, Role.ADMINISTRATOR, "servers",
                        "Read the SSH host key a host presents, for an admin to accept; sends no credential",
                        HostKeyRequest.class, HostKeyView.class, 200,
                        ctx -> ctx.json(hostKey(RequestBodies.read(ctx, HostKeyRequest.class)))),
                new ApiRoute(HandlerType.POST, ApiPaths.SERVERS + "/{id}/deploy", Role.ADMINISTRATOR, "servers",
                        "Deploy (install, upgrade or repair) the agent; runs in the background, follow it with GET "
                                + "deployment", null, DeploymentView.class, 202,
                        ctx -> ctx.status(HttpStatus.ACCEPTED).json(deployer.deploy(RequestBodies.id(ctx)))),
                new ApiRoute(HandlerType.GET, ApiPaths.SERVERS + "/{id}/deployment", Role.VIEWER, "servers",
                        "Read the latest deployment to a server, step by step", null, DeploymentView.class, 200,
                        ctx -> ctx.json(deployer.deployment(RequestBodies.id(ctx)))),
                new ApiRoute(HandlerType.POST, ApiPaths.SERVERS + "/{id}/remove", Role.ADMINISTRATOR, "servers",
                        "Remove the server: uninstall the agent and everything of Bulwark from the host, then forget "
                                + "the server. ?force=true forgets a host that cannot be reached", null,
                        ServerView.class, 200,
                        ctx -> ctx.json(remove(ApiServer.caller(ctx), RequestBodies.id(ctx),
                                Boolean.parseBoolean(ctx.queryParam("force"))))),
                new ApiRoute(HandlerType.POST, ApiPaths.SERVERS + "/{id}/rescan", Role.ADMINISTRATOR, "servers",
                        "Analyse the host again and check its agent", null, ServerView.class, 200,
                        ctx -> ctx.json(deployer.rescan(RequestBodies.id(ctx)))));
    }

    private ServerView remove(Caller caller, UUID id, boolean force) {
        deployer.removeAgent(id, force);
        return changes.record(caller, ApiPaths.collection(ApiPaths.SERVERS), ChangeAction.DELETED,
                () -> servers.delete(id, caller));
    }

    private HostKeyView hostKey(HostKeyRequest request) {
        FieldErrors errors = new FieldErrors();
        String address = HostAddresses.field(errors, "address", request.address());
        int port = errors.range("sshPort", request.sshPort(), 1, 65535, 22);
        int timeout = errors.range("sshTimeoutSeconds", request.sshTimeoutSeconds(), 5, 3600,
                ServerPorts.DEFAULTS.sshTimeoutSeconds());
        errors.throwIfAny();
        HostKey key = connector.hostKey(address, port, Duration.ofSeconds(timeout));
        return new HostKeyView(address, port, key.algorithm(), key.fingerprint());
    }
}
