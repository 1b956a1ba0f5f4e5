package io.bulwark.protocol.proxies;

import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.servers.RoleStatus;
import java.time.Instant;
import java.util.UUID;

public record ProxyView(
        UUID id,
        String name,
        String description,
        UUID serverId,
        String serverName,
        TransportMode transportMode,
        boolean failoverToNetwork,
        boolean hostToProxyEncryption,
        DatastoreSelection datastores,
        int maxConcurrentTasks,
        boolean builtIn,
        RoleStatus status,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
