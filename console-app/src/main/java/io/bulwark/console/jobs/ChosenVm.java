package io.bulwark.console.jobs;

import io.bulwark.protocol.inventory.InventoryDisk;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.jobs.JobObject;
import java.util.List;

/**
 * A VM the job backs up, with the disks it leaves out.
 *
 * @param vm    the VM as the inventory has it, or null when the inventory no longer does (an edited
 *              job's VM that was deleted or moved): the job still names it until the admin removes it
 */
public record ChosenVm(String reference, String hostName, InventoryVm vm, List<String> excludedDisks) {
    public ChosenVm {
        excludedDisks = List.copyOf(excludedDisks);
    }

    public String name() {
        return vm == null ? reference : vm.name();
    }

    public List<InventoryDisk> disks() {
        return vm == null ? List.of() : vm.disks();
    }

    /** What the job reads of it: the capacity of the disks it keeps. */
    public long sizeBytes() {
        return disks().stream().filter(disk -> !excludedDisks.contains(disk.name()))
                .mapToLong(InventoryDisk::capacityBytes).sum();
    }

    public boolean inInventory() {
        return vm != null;
    }

    /** Whether every disk is left out, which leaves nothing to back up. */
    public boolean nothingLeft() {
        return vm != null && disks().stream().allMatch(disk -> excludedDisks.contains(disk.name()));
    }

    public ChosenVm excluding(List<String> disks) {
        return new ChosenVm(reference, hostName, vm, disks);
    }

    public String excludedText() {
        return excludedDisks.isEmpty() ? "" : String.join(", ", excludedDisks);
    }

    JobObject object() {
        return new JobObject(reference, excludedDisks);
    }
}
