package io.bulwark.protocol.proxies;

import java.util.UUID;

/**
 * Adds or changes a backup proxy. Null optional fields take their defaults: automatic transport,
 * failover to network on, host-to-proxy encryption off, automatic datastores, and one task per CPU
 * core of the server (2 when unknown).
 */
public record ProxyRequest(
        String name,
        String description,
        UUID serverId,
        TransportMode transportMode,
        Boolean failoverToNetwork,
        Boolean hostToProxyEncryption,
        DatastoreSelection datastores,
        Integer maxConcurrentTasks) {
}
