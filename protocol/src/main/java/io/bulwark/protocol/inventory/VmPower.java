package io.bulwark.protocol.inventory;

/** Whether a VM runs. A running VM's disks are never read as if they were consistent. */
public enum VmPower {
    STOPPED,
    RUNNING,
    UNKNOWN
}
