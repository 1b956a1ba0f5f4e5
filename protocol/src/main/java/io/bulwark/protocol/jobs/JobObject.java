package io.bulwark.protocol.jobs;

import java.util.List;

/**
 * One thing a job protects: a VM or a file share, by its reference in the inventory, with the
 * disks left out of the backup.
 */
public record JobObject(String reference, List<String> excludedDisks) {
}
