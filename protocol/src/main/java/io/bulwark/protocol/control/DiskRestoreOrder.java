package io.bulwark.protocol.control;

import io.bulwark.protocol.inventory.DiskFormat;

/**
 * {@link ControlChannel#RESTORE_DISK}: write one disk of a restore point to {@code targetPath} on
 * the agent's host, bit for bit as it was backed up, in {@code format} (a qcow2 target is made with
 * qemu-img). An existing file is replaced only when {@code overwrite} is set; the new content is
 * written beside it and renamed into place, so a failed restore leaves the old file whole.
 * Answered like {@link DiskBackupOrder}.
 *
 * @param newFolder the target's folder is a new VM's: the agent makes it when it is not
 *                  there, inside a folder that is. Otherwise a missing folder is an error
 */
public record DiskRestoreOrder(String taskId, RepositoryTarget repository, String pointId, String diskName,
                               String targetPath, DiskFormat format, boolean overwrite, boolean newFolder) {
}
