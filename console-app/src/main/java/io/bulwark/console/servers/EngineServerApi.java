package io.bulwark.console.servers;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.HostKeyRequest;
import io.bulwark.protocol.servers.HostKeyView;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerRequest;
import io.bulwark.protocol.servers.ServerView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public record EngineServerApi(EngineClient client) implements ServerApi {
    private static final int NOT_FOUND = 404;
    private static final Duration ENGINE_MARGIN = Duration.ofSeconds(15);

    @Override
    public List<ServerView> list() {
        return client.list(ApiPaths.SERVERS, ServerView.class);
    }

    @Override
    public ServerView get(UUID id) {
        return client.get(server(id), ServerView.class);
    }

    @Override
    public HostKeyView hostKey(HostKeyRequest request) {
        // The engine waits up to the SSH timeout for the host; its answer must not lose the race to ours.
        int sshTimeout = request.sshTimeoutSeconds() == null ? ServerPorts.DEFAULTS.sshTimeoutSeconds()
                : request.sshTimeoutSeconds();
        return client.post(ApiPaths.SERVER_HOST_KEY, request, HostKeyView.class,
                Duration.ofSeconds(sshTimeout).plus(ENGINE_MARGIN));
    }

    @Override
    public ServerView create(ServerRequest request) {
        return client.post(ApiPaths.SERVERS, request, ServerView.class);
    }

    @Override
    public ServerView update(UUID id, ServerRequest request) {
        return client.put(server(id), request, ServerView.class);
    }

    @Override
    public DeploymentView deploy(UUID serverId) {
        return client.post(server(serverId) + "/deploy", null, DeploymentView.class);
    }

    @Override
    public Optional<DeploymentView> deployment(UUID serverId) {
        try {
            return Optional.of(client.get(server(serverId) + "/deployment", DeploymentView.class));
        } catch (EngineRefusedException e) {
            if (e.status() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public ServerView rescan(UUID serverId) {
        return client.post(server(serverId) + "/rescan", null, ServerView.class);
    }

    @Override
    public void remove(ServerView server, boolean force) {
        // Reaching the host, staging the installer and running it: each SSH step may take the timeout.
        Duration ssh = Duration.ofSeconds(server.ports() == null ? ServerPorts.DEFAULTS.sshTimeoutSeconds()
                : server.ports().sshTimeoutSeconds());
        client.post(server(server.id()) + "/remove" + (force ? "?force=true" : ""), null, ServerView.class,
                ssh.multipliedBy(3).plus(ENGINE_MARGIN));
    }

    private static String server(UUID id) {
        return ApiPaths.SERVERS + "/" + id;
    }
}
