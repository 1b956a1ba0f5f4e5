package io.bulwark.agent.traffic;

import io.bulwark.protocol.trafficrules.Throttle;

/** A rate in bytes per second, from a rule's throttle in decimal SI units. */
record Bandwidth(long bytesPerSecond) {
    Bandwidth {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("a bandwidth must be at least 1 byte per second");
        }
    }

    /** @throws IllegalArgumentException when the throttle is enabled without a positive value and a unit */
    static Bandwidth of(Throttle throttle) {
        if (throttle.value() == null || throttle.value() < 1) {
            throw new IllegalArgumentException("a throttle needs a value of at least 1, not " + throttle.value());
        }
        if (throttle.unit() == null) {
            throw new IllegalArgumentException("a throttle needs a unit (MBIT_PER_SEC, MBYTE_PER_SEC or KBYTE_PER_SEC)");
        }
        long value = throttle.value();
        return new Bandwidth(switch (throttle.unit()) {
            case MBIT_PER_SEC -> value * 125_000L;
            case MBYTE_PER_SEC -> value * 1_000_000L;
            case KBYTE_PER_SEC -> value * 1_000L;
        });
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.3f Mbit/s", bytesPerSecond * 8 / 1e6);
    }
}
