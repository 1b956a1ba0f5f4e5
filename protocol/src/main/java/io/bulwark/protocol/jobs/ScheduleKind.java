package io.bulwark.protocol.jobs;

public enum ScheduleKind {
    /** Runs only when started by hand. */
    MANUAL,
    /** Runs at {@code time} on each of {@code days}. */
    DAILY,
    /** Runs every {@code everyMinutes} minutes. */
    PERIODIC
}
