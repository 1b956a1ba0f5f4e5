package io.bulwark.console.backups;

import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointView;
import java.time.Instant;
import java.util.List;

/**
 * One line of the Backups tree: a job, one of its VMs, or one of that VM's restore points.
 *
 * @param key        what identifies the line across reloads (to keep it expanded and selected)
 * @param created    the newest restore point's time (the point's own for a point)
 * @param points     how many restore points the line holds
 * @param sizeBytes  the disks' size: of the newest point for a VM, of every VM's newest for a job
 * @param repository the newest point's repository
 * @param health     the worst the health checks found below the line: Damaged, else Unverified, else Healthy
 * @param point      the restore point a POINT line shows; for a VM its newest, which Restore… starts from
 * @param vmReference the VM a VM or POINT line belongs to; null for a job
 */
public record BackupNode(Kind kind, String key, String name, Instant created, int points, long sizeBytes,
                         String repository, BackupHealth health, RestorePointView point, String vmReference,
                         List<BackupNode> children) {
    public enum Kind {
        JOB,
        VM,
        POINT
    }
}
