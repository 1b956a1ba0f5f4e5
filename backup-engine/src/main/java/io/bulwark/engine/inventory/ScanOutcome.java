package io.bulwark.engine.inventory;

import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.ScanState;
import java.util.List;

/**
 * What a scan that reached the host found: the datastores in the host's order, and what an admin
 * should know about (unreachable datastores, images that could not be read, qemu-img missing).
 */
public record ScanOutcome(List<InventoryDatastore> datastores, List<String> warnings) {
    public ScanState state() {
        return warnings.isEmpty() ? ScanState.OK : ScanState.WARNING;
    }

    /** The warnings as one message; null when there are none. */
    public String message() {
        return warnings.isEmpty() ? null : String.join(" ", warnings);
    }
}
