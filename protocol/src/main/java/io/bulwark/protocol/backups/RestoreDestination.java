package io.bulwark.protocol.backups;

import java.util.UUID;

/**
 * Where a restore writes. To the original location ({@code original}) the disks replace the VM's
 * images where they were, which needs {@code overwrite} as the admin's explicit confirmation.
 * Otherwise into a new VM folder {@code vmName} in {@code datastore} of virtualization host {@code hostId}.
 */
public record RestoreDestination(boolean original, boolean overwrite, UUID hostId, String datastore, String vmName) {
    public static RestoreDestination originalLocation(boolean overwrite) {
        return new RestoreDestination(true, overwrite, null, null, null);
    }

    public static RestoreDestination newLocation(UUID hostId, String datastore, String vmName) {
        return new RestoreDestination(false, false, hostId, datastore, vmName);
    }
}
