package io.bulwark.console.restore;

import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.inventory.DiskFormat;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Backups, an inventory and the restores posted, in memory, for the Backups and Restore view-model tests. */
public final class FakeRestoreApi implements RestoreApi {
    public static final long MIB = 1024 * 1024;
    public static final UUID REPOSITORY = UUID.randomUUID();

    public final List<RestorePointView> points = new ArrayList<>();
    public final List<InventoryHost> inventory = new ArrayList<>();
    public final List<RestoreRequest> posted = new ArrayList<>();
    /** The engine's refusal of the next restore, or null to start it. */
    public RuntimeException refuse;
    /** What listing the restore points fails with, or null to list them. */
    public RuntimeException pointsFailure;

    /** A restore point of {@code vm} in {@code folder} of host {@code hostId}, with one disk per name. */
    public static RestorePointView point(UUID jobId, String jobName, UUID hostId, String folder, String vm,
                                         Instant created, BackupHealth health, String... disks) {
        List<RestorePointDisk> stored = new ArrayList<>();
        for (String disk : disks) {
            stored.add(new RestorePointDisk(disk, folder + "/" + disk + ".qcow2", DiskFormat.QCOW2, 64 * MIB,
                    "p" + created.getEpochSecond(), disk, "bulwark-" + created.getEpochSecond()));
        }
        return new RestorePointView(UUID.randomUUID(), jobId, jobName, "vm:" + hostId + ":" + folder, vm, REPOSITORY,
                "Default Backup Repository", null, UUID.randomUUID(), created, stored, health, null);
    }

    @Override
    public List<RestorePointView> restorePoints() {
        if (pointsFailure != null) {
            throw pointsFailure;
        }
        return List.copyOf(points);
    }

    @Override
    public List<InventoryHost> inventory() {
        return List.copyOf(inventory);
    }

    @Override
    public SessionView restore(RestoreRequest request) {
        if (refuse != null) {
            throw refuse;
        }
        posted.add(request);
        return new SessionView(UUID.randomUUID(), null, "Restore web", JobType.RESTORE, SessionState.RUNNING,
                Instant.now(), null, 0, 0, 0, null);
    }
}
