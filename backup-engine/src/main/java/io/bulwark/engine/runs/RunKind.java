package io.bulwark.engine.runs;

/** Why a job runs; it decides which VMs it reads and how. */
public enum RunKind {
    /** Started by an operator: every VM, incremental where a previous restore point allows. */
    MANUAL,
    /** Started by the job's schedule: as MANUAL. */
    SCHEDULED,
    /** The VMs that failed in the job's last session, and only those. */
    RETRY,
    /** Every VM, every disk read whole, ignoring the previous restore point's bitmap. */
    ACTIVE_FULL
}
