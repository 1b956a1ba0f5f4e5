package io.bulwark.engine.runs;

import io.bulwark.engine.inventory.FoundVm;
import io.bulwark.engine.runs.BackupFolders.BackupFolder;
import io.bulwark.engine.inventory.InventoryService;
import io.bulwark.engine.scheduler.DiskTask;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.control.DiskSourceSpec;
import io.bulwark.protocol.inventory.DiskFormat;
import io.bulwark.protocol.inventory.InventoryDisk;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.sessions.SessionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a run of a job into disk tasks: finds each VM in the inventory, skips what must not be
 * read (with the reason in the session), and picks the bitmap each disk reads through.
 */
final class RunPlanner {
    private final InventoryService inventory;
    private final RestorePointStore points;

    RunPlanner(InventoryService inventory, RestorePointStore points) {
        this.inventory = inventory;
        this.points = points;
    }

    /** A disk task with what the scheduler need not know: the VM, the disk, the folder it goes to. */
    record PlannedDisk(DiskTask task, JobView job, LiveSession session, FoundVm vm, InventoryDisk disk,
                       BackupFolder folder, String readBitmap, String addBitmap) {
        RepositoryView repository() {
            return folder.repository();
        }

        String vmReference() {
            return vm.vm().reference();
        }

        /** The disk's name in the repository: one name per VM disk, so retention can count its points. */
        String storedName() {
            return vmReference() + "/" + disk.name();
        }
    }

    List<PlannedDisk> plan(JobView job, List<JobObject> objects, RunKind kind, BackupFolder folder,
                           LiveSession session) {
        RepositoryView repository = folder.repository();
        String run = session.id().toString().substring(0, 8);
        List<PlannedDisk> disks = new ArrayList<>();
        for (JobObject object : objects) {
            FoundVm vm = inventory.findVm(object.reference()).orElse(null);
            if (vm == null) {
                session.vmSkipped(object.reference(), object.reference(), SessionState.FAILED, "The VM is not in the "
                        + "inventory: it was deleted or moved since the job was made. Rescan its host, or edit the job.");
                continue;
            }
            if (vm.vm().power() == VmPower.RUNNING) {
                session.vmSkipped(vm.vm().reference(), vm.vm().name(), SessionState.WARNING, "The VM is running "
                        + "and was skipped: Bulwark does not read the disks of a running VM as if they were "
                        + "consistent. Shut it down, or back it up when it is off.");
                continue;
            }
            Map<String, String> bitmaps = kind == RunKind.ACTIVE_FULL ? Map.of() : previousBitmaps(vm, folder);
            for (InventoryDisk disk : vm.vm().disks()) {
                if (object.excludedDisks().contains(disk.name())) {
                    continue;
                }
                String datastore = new DatastoreKey(vm.serverId(), vm.datastore()).toString();
                DiskTask task = new DiskTask(run + "/" + vm.vm().reference() + "/" + disk.name(), job.id(),
                        vm.vm().reference(), disk.name(), datastore, repository.id(), disk.capacityBytes(),
                        Set.copyOf(job.storage().proxyIds()));
                session.vmPlanned(vm.vm().reference(), vm.vm().name(), disk.name(), disk.capacityBytes());
                // Raw images have no bitmaps: every run reads them whole and compares fingerprints.
                String addBitmap = disk.format() == DiskFormat.QCOW2 ? DiskSourceSpec.BITMAP_PREFIX + run : null;
                disks.add(new PlannedDisk(task, job, session, vm, disk, folder, bitmaps.get(disk.name()),
                        addBitmap));
            }
            if (kind == RunKind.ACTIVE_FULL) {
                session.log(vm.vm().reference(), "Active full: every disk is read whole.");
            }
        }
        return disks;
    }

    /**
     * The bitmaps of the VM's newest restore point in this folder, by disk name: the agent reads the
     * unchanged blocks from that folder's newest point, so the bitmap must be the one made with it.
     */
    private Map<String, String> previousBitmaps(FoundVm vm, BackupFolder folder) {
        Map<String, String> bitmaps = new HashMap<>();
        points.newest(vm.vm().reference(), folder.repository().id(), folder.recorded()).ifPresent(point -> {
            for (RestorePointDisk d : point.disks()) {
                if (d.bitmap() != null) {
                    bitmaps.put(d.name(), d.bitmap());
                }
            }
        });
        return bitmaps;
    }
}
