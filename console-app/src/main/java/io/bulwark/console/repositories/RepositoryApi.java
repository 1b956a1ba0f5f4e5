package io.bulwark.console.repositories;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.console.servers.EngineServerApi;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.ServerView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the Add Repository wizard asks of the engine. Every call blocks: make it from a background
 * task. An interface so that the wizard's view-model is tested against a scripted engine.
 */
public interface RepositoryApi {
    List<ServerView> servers();

    RepositoryView create(RepositoryRequest request);

    RepositoryView update(UUID id, RepositoryRequest request);

    RepositoryView repository(UUID id);

    /** The server's latest agent deployment; empty when it never had one. */
    Optional<DeploymentView> deployment(UUID serverId);

    static RepositoryApi of(EngineClient client) {
        // Servers and their deployments are read as the server wizards read them.
        EngineServerApi servers = new EngineServerApi(client);
        return new RepositoryApi() {
            @Override
            public List<ServerView> servers() {
                return servers.list();
            }

            @Override
            public RepositoryView create(RepositoryRequest request) {
                return client.post(ApiPaths.REPOSITORIES, request, RepositoryView.class);
            }

            @Override
            public RepositoryView update(UUID id, RepositoryRequest request) {
                return client.put(ApiPaths.REPOSITORIES + "/" + id, request, RepositoryView.class);
            }

            @Override
            public RepositoryView repository(UUID id) {
                return client.get(ApiPaths.REPOSITORIES + "/" + id, RepositoryView.class);
            }

            @Override
            public Optional<DeploymentView> deployment(UUID serverId) {
                return servers.deployment(serverId);
            }
        };
    }
}
