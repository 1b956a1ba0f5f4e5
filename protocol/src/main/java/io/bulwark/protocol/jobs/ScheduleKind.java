package io.bulwark.protocol.jobs;

public enum ScheduleKind {
    /** Runs only when started by hand. */
    MANUAL,
    /** Runs at {@code time} on each of {@code days}. */
    DAILY,
    /** Runs at {@code time} on {@code dayOfMonth} (a month without that day runs on its last day). */
    MONTHLY,
    /** Runs every {@code everyMinutes} minutes. */
    PERIODIC,
    /** Runs when job {@code afterJobId} has ended, whatever its result. */
    AFTER_JOB
}
