package io.bulwark.console.servers;

import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.HostKeyRequest;
import io.bulwark.protocol.servers.HostKeyView;
import io.bulwark.protocol.servers.ServerRequest;
import io.bulwark.protocol.servers.ServerView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The engine's managed servers and their agents, as the wizards and actions use them. Every call blocks. */
public interface ServerApi {
    List<ServerView> list();

    ServerView get(UUID id);

    /** Which SSH key the host presents; nothing is saved. */
    HostKeyView hostKey(HostKeyRequest request);

    ServerView create(ServerRequest request);

    /** Replaces the server's settings; a changed host key pinned here unblocks a host whose key changed. */
    ServerView update(UUID id, ServerRequest request);

    /** Starts (or joins) a deployment of the agent: install, upgrade or repair. */
    DeploymentView deploy(UUID serverId);

    /** The latest deployment since the engine started, if any. */
    Optional<DeploymentView> deployment(UUID serverId);

    ServerView rescan(UUID serverId);

    /**
     * Uninstalls the agent and everything of Bulwark from the host, then forgets the server; with
     * {@code force}, a host that cannot be reached is forgotten with whatever is on it.
     */
    void remove(ServerView server, boolean force);
}
