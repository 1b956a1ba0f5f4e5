package io.bulwark.console.proxies;

import io.bulwark.protocol.proxies.TransportMode;
import java.util.List;

/**
 * The transport modes as the mode dialog lists and explains them. Which of them a server can use is
 * {@link io.bulwark.protocol.proxies.TransportModeRules}'s to say.
 */
public final class TransportModes {
    private TransportModes() {
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
        return List.of(TransportMode.values());
    }
}
