package io.bulwark.protocol.inventory;

import java.util.List;

/**
 * A VM: a folder in a datastore with its disk images.
 *
 * @param reference what jobs name it by: {@link VmReference}, stable across rescans
 * @param name      the libvirt domain name when the folder has a domain XML, else the folder's name
 * @param folder    the VM folder's absolute path on the host
 * @param power     whether a running VM holds its disks (read from the image locks qemu takes)
 */
public record InventoryVm(String reference, String name, String folder, VmPower power, List<InventoryDisk> disks) {
    public long sizeBytes() {
        return disks.stream().mapToLong(InventoryDisk::capacityBytes).sum();
    }
}
