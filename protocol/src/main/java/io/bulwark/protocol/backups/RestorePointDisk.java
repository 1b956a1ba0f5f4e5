package io.bulwark.protocol.backups;

import io.bulwark.protocol.inventory.DiskFormat;

/**
 * One disk of a VM restore point.
 *
 * @param name          the disk's name within the VM (vda, or the image's file name)
 * @param path          where the image was on its host when it was backed up
 * @param storedPointId the repository's restore point that holds it
 * @param storedName    the disk's name in the repository
 * @param bitmap        the dirty bitmap added to the image with this point; the next backup reads through it
 */
public record RestorePointDisk(String name, String path, DiskFormat format, long capacityBytes,
                               String storedPointId, String storedName, String bitmap) {
}
