package io.bulwark.protocol.proxies;

import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.ServerView;

/**
 * Which transport modes a proxy on a given server may use, and why not. The engine refuses what
 * {@link #forbiddenBecause} names; the console also greys out what {@link #unavailableBecause}
 * names, which adds what the server's analysis says cannot work (yet).
 */
public final class TransportModeRules {
    private TransportModeRules() {
    }

    /**
     * Why a proxy on {@code server} must not use {@code mode}, or null when it may. A hardened
     * repository is kept apart from production storage, so that ransomware reaching one cannot
     * reach the other: it may read source disks over the network only, never by mounting a
     * datastore or running on its host. Automatic selection could pick those, so it is out too.
     */
    public static String forbiddenBecause(TransportMode mode, ServerView server) {
        if (server == null || !server.hardenedRepository() || mode == TransportMode.NETWORK) {
            return null;
        }
        return mode.title() + " is not allowed: " + server.name() + " is a hardened repository, which must not "
                + "reach production storage. Choose Network.";
    }

    /**
     * Why {@code mode} cannot work on {@code server}, or null when it can: it is forbidden, or it
     * needs a datastore the server can see (direct storage access and virtual appliance mode read
     * disk files where the datastore is mounted) and the analysis found none.
     */
    public static String unavailableBecause(TransportMode mode, ServerView server) {
        String forbidden = forbiddenBecause(mode, server);
        if (forbidden != null || mode == TransportMode.AUTOMATIC || mode == TransportMode.NETWORK) {
            return forbidden;
        }
        HostFacts facts = server == null ? null : server.facts();
        if (facts == null || facts.datastores() == null) {
            return mode.title() + " needs a datastore the server can see, and the server has not been analysed yet. "
                    + "Rescan it, or choose Automatic selection or Network.";
        }
        if (facts.datastores().isEmpty()) {
            return mode.title() + " needs a datastore the server can see, and its analysis found none. "
                    + "Choose Automatic selection or Network.";
        }
        return null;
    }
}
