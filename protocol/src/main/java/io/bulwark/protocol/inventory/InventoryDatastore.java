package io.bulwark.protocol.inventory;

import java.util.List;

/**
 * A datastore directory on a virtualization host.
 *
 * @param reachable false when the last scan could not list it; {@code message} says why
 */
public record InventoryDatastore(String path, boolean reachable, String message, long freeBytes,
                                 List<InventoryVm> vms) {
}
