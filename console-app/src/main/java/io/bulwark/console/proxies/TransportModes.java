package io.bulwark.console.proxies;

import io.bulwark.console.common.Formats;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.servers.HostFacts;
import java.util.List;

/**
 * Which transport modes can work on a server, from what its analysis found. Direct storage access
 * and virtual appliance mode read disk files where the datastore is mounted, so they need a
 * datastore the server can see; automatic selection and network mode work anywhere.
 */
public final class TransportModes {
    private TransportModes() {
    }

    /** Why {@code mode} cannot work on a server with these facts, or null when it can. */
    public static String unavailableBecause(TransportMode mode, HostFacts facts) {
        if (mode == TransportMode.AUTOMATIC || mode == TransportMode.NETWORK) {
            return null;
        }
        String name = Formats.label(mode);
        if (facts == null || facts.datastores() == null) {
            return name + " needs a datastore the server can see, and the server has not been analysed yet. "
                    + "Rescan it, or choose Automatic selection or Network.";
        }
        if (facts.datastores().isEmpty()) {
            return name + " needs a datastore the server can see, and its analysis found none. "
                    + "Choose Automatic selection or Network.";
        }
        return null;
    }

    public static String describe(TransportMode mode) {
        return switch (mode) {
            case AUTOMATIC -> "Picks the best mode for each disk, in the order below.";
            case DIRECT_STORAGE -> "Reads the disk files where the datastore is mounted on this server.";
            case VIRTUAL_APPLIANCE -> "Runs on the host that owns the datastore and reads the disks locally.";
            case NETWORK -> "Reads over NBD from an export on the host. Works everywhere; the slowest.";
        };
    }

    public static List<TransportMode> all() {
        return List.of(TransportMode.AUTOMATIC, TransportMode.DIRECT_STORAGE, TransportMode.VIRTUAL_APPLIANCE,
                TransportMode.NETWORK);
    }

    /** "Automatic selection" and the like, as the dialog names the modes. */
    public static String title(TransportMode mode) {
        return switch (mode) {
            case AUTOMATIC -> "Automatic selection";
            case DIRECT_STORAGE -> "Direct storage access";
            case VIRTUAL_APPLIANCE -> "Virtual appliance";
            case NETWORK -> "Network";
        };
    }
}
