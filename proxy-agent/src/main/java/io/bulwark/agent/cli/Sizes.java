package io.bulwark.agent.cli;

import java.util.Locale;

/** Sizes as people write and read them. */
final class Sizes {
    private Sizes() {
    }

    /** Parses 256K, 512K, 1M, 4M (binary units), or a number of bytes. */
    static int parse(String text) throws UsageException {
        String value = text.strip().toUpperCase(Locale.ROOT);
        long factor = 1;
        if (value.endsWith("K")) {
            factor = 1024;
        } else if (value.endsWith("M")) {
            factor = 1024 * 1024;
        }
        String digits = factor == 1 ? value : value.substring(0, value.length() - 1);
        try {
            return Math.toIntExact(Long.parseLong(digits) * factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("'" + text + "' is not a size: use 256K, 512K, 1M or 4M.");
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    /** Decimal megabytes per second, as disk and network speeds are quoted. */
    static String rate(long bytes, long millis) {
        return String.format(Locale.ROOT, "%.0f MB/s", bytes / 1e6 / Math.max(millis, 1) * 1000);
    }
}
