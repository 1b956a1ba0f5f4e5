package io.bulwark.engine.deploy;

import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.ServerView;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an admin's changes into work on the hosts, so that adding a proxy or a repository is all
 * an admin does: a role on a server without a ready agent deploys the agent (which then sets the
 * roles up); a role on a ready server is set up at once; a traffic rule change reaches every ready
 * agent; and a server whose last role was removed has its agent removed, so nothing of Bulwark
 * stays on a host that has no use for it (the backups in a removed repository's folder stay). The
 * engine's own changes (deployment progress, setup results) are not acted on again.
 */
public class RoleCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoleCoordinator.class);
    private static final String PROXIES = ApiPaths.collection(ApiPaths.PROXIES);
    private static final String REPOSITORIES = ApiPaths.collection(ApiPaths.REPOSITORIES);
    private static final Set<String> TRAFFIC = Set.of(ApiPaths.collection(ApiPaths.TRAFFIC_RULES),
            ApiPaths.collection(ApiPaths.TRAFFIC_SETTINGS));

    /** How long a removal waits for a deployment to the same server to end. */
    private static final Duration DEPLOYMENT_END = Duration.ofMinutes(5);

    private final ServerService servers;
    private final ProxyService proxies;
    private final RepositoryService repositories;
    private final AgentDeployer deployer;
    private final RoleSetup setup;
    private final AutoCloseable subscription;
    /** Which server each role is on: a deleted role can no longer be read, and its server may need its agent no more. */
    private final Map<UUID, UUID> roleServers = new ConcurrentHashMap<>();

    public RoleCoordinator(ServerService servers, ProxyService proxies, RepositoryService repositories,
                           AgentDeployer deployer, RoleSetup setup, ChangeEvents events) {
        this.servers = servers;
        this.proxies = proxies;
        this.repositories = repositories;
        this.deployer = deployer;
        this.setup = setup;
        proxies.list().forEach(proxy -> roleServers.put(proxy.id(), proxy.serverId()));
        repositories.list().forEach(repository -> roleServers.put(repository.id(), repository.serverId()));
        this.subscription = events.subscribe(this::changed);
    }

    /** The engine's own repositories that are not set up yet (the default one, on first start) are set up now. */
    public void start() {
        servers.list().stream().filter(ServerView::builtIn).findFirst().ifPresent(thisServer ->
                background("set up roles of " + thisServer.name(), () -> setup.setUp(thisServer)));
    }

    private void changed(ChangeEvent event) {
        if (ChangeEvents.ENGINE.equals(event.actor())) {
            return;
        }
        if (event.action() == ChangeAction.DELETED) {
            UUID serverId = roleServers.remove(event.id());
            if (serverId != null) {
                background("check the roles left on a server", () -> roleRemoved(serverId));
            }
            return;
        }
        if (PROXIES.equals(event.collection())) {
            background("deploy the proxy role", () -> roleChanged(event.id(), proxies.get(event.id()).serverId()));
        } else if (REPOSITORIES.equals(event.collection())) {
            background("set up the repository", () -> roleChanged(event.id(), repositories.get(event.id()).serverId()));
        } else if (TRAFFIC.contains(event.collection())) {
            for (ServerView server : servers.list()) {
                if (!server.builtIn() && agentReady(server)) {
                    background("apply traffic rules on " + server.name(), () -> setup.pushTrafficPolicy(server));
                }
            }
        }
    }

    private void roleChanged(UUID roleId, UUID serverId) {
        UUID before = roleServers.put(roleId, serverId);
        if (before != null && !before.equals(serverId)) {
            roleRemoved(before); // the role moved to another server
        }
        ServerView server = servers.get(serverId);
        if (server.builtIn() || agentReady(server)) {
            setup.setUp(server);
        } else if (server.hostKeyFingerprint() != null) {
            deployer.deploy(serverId);
        }
        // Without an accepted host key nothing may run on the host: the role waits, and says so, until an
        // admin accepts the key and deploys.
    }

    /** A role on the server was removed: if it was the last, its agent goes too. */
    private void roleRemoved(UUID serverId) {
        try {
            if (!servers.roles(serverId).isEmpty() || servers.get(serverId).builtIn()) {
                return;
            }
            if (!deployer.awaitNoDeployment(serverId, DEPLOYMENT_END)) {
                LOG.warn("Kept the agent on {}: a deployment to it is still running.", servers.get(serverId).name());
                return;
            }
            // Read again: the deployment that ended, or another admin, may have changed the picture.
            ServerView server = servers.get(serverId);
            if (!agentInstalled(server) || !servers.roles(serverId).isEmpty()) {
                return;
            }
            LOG.info("Removing the agent from {}: its last role was removed.", server.name());
            deployer.removeAgent(serverId, false);
            if (!servers.roles(serverId).isEmpty()) {
                // A role was added while the agent went: it needs the agent back.
                deployer.deploy(serverId);
            }
        } catch (NotFoundException e) {
            // An admin removed the server meanwhile, and its agent with it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An agent is (or may be) on the host and nothing else is being done to it. */
    private static boolean agentInstalled(ServerView server) {
        return !server.builtIn() && server.agent() != null && server.agent().version() != null
                && !Set.of(AgentState.NOT_INSTALLED, AgentState.INSTALLING, AgentState.REMOVING)
                .contains(server.agent().state());
    }

    private static boolean agentReady(ServerView server) {
        return server.agent() != null && server.agent().state() == AgentState.READY;
    }

    private static void background(String what, Runnable work) {
        Thread.ofVirtual().name(what).start(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("Could not {}: {}", what, e.getMessage());
            }
        });
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
