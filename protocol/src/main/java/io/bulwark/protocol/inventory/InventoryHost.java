package io.bulwark.protocol.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One virtualization host in the inventory tree: host → datastores → VMs → disks. */
public record InventoryHost(UUID hostId, UUID serverId, String name, Instant scannedAt,
                            List<InventoryDatastore> datastores) {
}
