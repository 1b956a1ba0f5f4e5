package io.bulwark.protocol.servers;

import io.bulwark.protocol.EntityView;
import java.time.Instant;
import java.util.UUID;

/**
 * A managed server. {@code builtIn} marks the engine's own host, "This server". {@code agent} is
 * the state of the Bulwark agent on it, which every role on the server (proxy, repository) uses.
 * {@code hardenedRepository} marks a host kept apart from production storage: see
 * {@link io.bulwark.protocol.proxies.TransportModeRules}.
 */
public record ServerView(
        UUID id,
        String name,
        String address,
        String description,
        int sshPort,
        UUID credentialId,
        String hostKeyFingerprint,
        ServerPorts ports,
        boolean hardenedRepository,
        HostFacts facts,
        AgentStatus agent,
        boolean builtIn,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
