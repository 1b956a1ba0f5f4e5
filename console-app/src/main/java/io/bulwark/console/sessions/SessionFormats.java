package io.bulwark.console.sessions;

import io.bulwark.console.common.Formats;
import java.time.Duration;
import java.util.Locale;

/** How the statistics window writes durations and rates, the way Veeam's does: 0:04:31, 215.3 MiB/s. */
public final class SessionFormats {
    private SessionFormats() {
    }

    /** Hours, minutes and seconds; a session of a day or more still counts in hours (26:00:05). */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    public static String rate(long bytesPerSecond) {
        return Formats.bytes(Math.max(0, bytesPerSecond)) + "/s";
    }
}
