package io.bulwark.console.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values read in tables and properties: one place, so every view says the same thing the same way. */
public final class Formats {
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Formats() {
    }

    /** {@code 25276514304} → {@code 23.5 GiB}; null → empty. */
    public static String bytes(Long bytes) {
        if (bytes == null) {
            return "";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, BINARY_UNITS[unit]);
    }

    /** An instant in the console's time zone; null → empty. */
    public static String instant(Instant instant) {
        return instant == null ? "" : LOCAL_TIME.format(instant);
    }

    /** {@code DIRECT_STORAGE} → {@code Direct storage}. */
    public static String label(Enum<?> value) {
        if (value == null) {
            return "";
        }
        String words = value.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static String yesNo(boolean value) {
        return value ? "Yes" : "No";
    }

    /** Null-safe text: null → empty. */
    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
