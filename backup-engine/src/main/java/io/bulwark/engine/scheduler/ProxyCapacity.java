package io.bulwark.engine.scheduler;

import io.bulwark.protocol.proxies.TransportMode;
import java.util.Map;
import java.util.UUID;

/**
 * A backup proxy as the scheduler sees it: how many tasks it runs at once, and how it reaches each
 * datastore.
 *
 * @param localModes the datastores it reads locally, each with its mode (direct storage access or
 *                   virtual appliance)
 * @param network    whether it may read any other datastore in network mode (its transport mode
 *                   is automatic or network, or failover to network is on)
 */
public record ProxyCapacity(UUID id, String name, int slots, Map<String, TransportMode> localModes, boolean network) {
    public ProxyCapacity {
        if (slots < 1) {
            throw new IllegalArgumentException("A proxy has at least one task slot, not " + slots);
        }
        localModes = Map.copyOf(localModes);
    }

    /** The best mode this proxy has to the datastore, or null when it cannot read it at all. */
    public TransportMode modeTo(String datastore) {
        TransportMode local = localModes.get(datastore);
        return local != null ? local : network ? TransportMode.NETWORK : null;
    }
}
