package io.bulwark.protocol.servers;

import io.bulwark.protocol.EntityView;
import java.time.Instant;
import java.util.UUID;

/** A managed server. {@code builtIn} marks the engine's own host, "This server". */
public record ServerView(
        UUID id,
        String name,
        String address,
        String description,
        int sshPort,
        UUID credentialId,
        String hostKeyFingerprint,
        ServerPorts ports,
        HostFacts facts,
        boolean builtIn,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
