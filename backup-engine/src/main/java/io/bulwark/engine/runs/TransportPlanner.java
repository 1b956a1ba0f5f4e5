package io.bulwark.engine.runs;

import io.bulwark.engine.scheduler.ProxyCapacity;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.ServerView;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How each proxy reaches each datastore, the rule of the issue in one place: virtual appliance when
 * the proxy runs on the host that owns the datastore; direct storage access when the proxy's host
 * sees the datastore's path (the admin listed it, or the installer found it there); network
 * otherwise. A proxy set to one mode uses that mode only; automatic uses the best it has, and
 * network is there for every proxy in automatic or network mode, or with failover to network.
 */
final class TransportPlanner {
    private TransportPlanner() {
    }

    static ProxyCapacity capacity(ProxyView proxy, ServerView proxyServer, Collection<DatastoreKey> datastores) {
        Map<String, TransportMode> local = new HashMap<>();
        for (DatastoreKey datastore : datastores) {
            TransportMode mode = localMode(proxy, proxyServer, datastore);
            if (mode != null) {
                local.put(datastore.toString(), mode);
            }
        }
        boolean network = proxy.transportMode() == TransportMode.AUTOMATIC
                || proxy.transportMode() == TransportMode.NETWORK || proxy.failoverToNetwork();
        return new ProxyCapacity(proxy.id(), proxy.name(), proxy.maxConcurrentTasks(), local, network);
    }

    private static TransportMode localMode(ProxyView proxy, ServerView proxyServer, DatastoreKey datastore) {
        TransportMode mode = proxy.transportMode();
        if (proxyServer.id().equals(datastore.hostServerId())) {
            return mode == TransportMode.AUTOMATIC || mode == TransportMode.VIRTUAL_APPLIANCE
                    ? TransportMode.VIRTUAL_APPLIANCE : null;
        }
        boolean sees = proxy.datastores().automatic()
                ? seenByInstaller(proxyServer.facts(), datastore.path())
                : proxy.datastores().paths().contains(datastore.path());
        return sees && (mode == TransportMode.AUTOMATIC || mode == TransportMode.DIRECT_STORAGE)
                ? TransportMode.DIRECT_STORAGE : null;
    }

    private static boolean seenByInstaller(HostFacts facts, String path) {
        List<String> seen = facts == null || facts.datastores() == null ? List.of() : facts.datastores();
        return seen.contains(path);
    }
}
