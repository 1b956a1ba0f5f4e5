package io.bulwark.engine.inventory;

import io.bulwark.protocol.inventory.InventoryVm;
import java.util.UUID;

/**
 * A VM as the job engine needs it to back it up: where it is and what its disks are.
 *
 * @param hostId    the virtualization host
 * @param serverId  the managed server that host is, to reach it (the backup server's own when built in)
 * @param datastore the datastore folder the VM's folder is in
 * @param vm        the VM with its disks, as the last scan that reached the host found it
 */
public record FoundVm(UUID hostId, UUID serverId, String datastore, InventoryVm vm) {
}
