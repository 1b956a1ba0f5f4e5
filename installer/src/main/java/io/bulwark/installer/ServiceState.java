package io.bulwark.installer;

import java.util.Locale;

/** Whether the agent service runs on a host, as the installer's {@code service=} line says. */
public enum ServiceState {
    /** Running, or supervised and about to be restarted after a crash. */
    RUNNING,
    /** Installed but not running. */
    STOPPED,
    /** Not installed: nothing to start. */
    ABSENT;

    /** The state for a {@code service=} value, or null when the value is none of the three. */
    public static ServiceState parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "running" -> RUNNING;
            case "stopped" -> STOPPED;
            case "absent" -> ABSENT;
            default -> null;
        };
    }
}
