package io.bulwark.console.trafficrules;

import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;

/** How throttle units read, as Veeam writes them: Mbit/s, MB/s, KB/s. */
public final class ThrottleUnits {
    private ThrottleUnits() {
    }

    public static String label(ThrottleUnit unit) {
        return switch (unit) {
            case MBIT_PER_SEC -> "Mbit/s";
            case MBYTE_PER_SEC -> "MB/s";
            case KBYTE_PER_SEC -> "KB/s";
        };
    }

    /** {@code 50 MB/s}, or empty for a throttle that is off. */
    public static String describe(Throttle throttle) {
        if (throttle == null || !throttle.enabled() || throttle.value() == null || throttle.unit() == null) {
            return "";
        }
        return throttle.value() + " " + label(throttle.unit());
    }
}
