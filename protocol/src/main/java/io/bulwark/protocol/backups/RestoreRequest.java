package io.bulwark.protocol.backups;

import java.util.List;
import java.util.UUID;

/**
 * Restores a VM, or some of its disks, from a restore point.
 *
 * @param disks       the disks to restore by name; empty for the entire VM
 * @param destination where to
 */
public record RestoreRequest(UUID restorePointId, List<String> disks, RestoreDestination destination) {
}
