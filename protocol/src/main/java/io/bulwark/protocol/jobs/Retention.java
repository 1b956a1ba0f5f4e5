package io.bulwark.protocol.jobs;

/** Keeps the last {@code value} restore points, or the restore points of the last {@code value} days. */
public record Retention(RetentionUnit unit, int value) {
    public static final Retention DEFAULT = new Retention(RetentionUnit.RESTORE_POINTS, 14);
}
