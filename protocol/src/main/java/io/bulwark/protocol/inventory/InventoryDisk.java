package io.bulwark.protocol.inventory;

import java.util.List;

/**
 * One disk image of a VM.
 *
 * @param name           the disk's name within its VM: the libvirt target (vda) when the domain XML
 *                       names it, else the image's file name; what jobs exclude disks by
 * @param path           the image's absolute path on the host
 * @param capacityBytes  the guest-visible size
 * @param allocatedBytes what the image takes on the datastore
 * @param bitmaps        the persistent dirty bitmaps a qcow2 image holds
 */
public record InventoryDisk(String name, String path, DiskFormat format, long capacityBytes, long allocatedBytes,
                            List<String> bitmaps) {
}
