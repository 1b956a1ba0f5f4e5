package io.bulwark.protocol.jobs;

/**
 * Retries of the VMs that failed in a scheduled run: up to {@code count} more tries of those VMs
 * only, {@code waitMinutes} after the run ended. Runs started by hand are not retried.
 */
public record RetryPolicy(int count, int waitMinutes) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, 10);
    public static final RetryPolicy NONE = new RetryPolicy(0, 0);
}
