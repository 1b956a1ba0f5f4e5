package io.bulwark.protocol.trafficrules;

/** The units a throttle is given in, with their size in bits per second. */
public enum ThrottleUnit {
    MBIT_PER_SEC(1_000_000L),
    MBYTE_PER_SEC(8L * 1024 * 1024),
    KBYTE_PER_SEC(8L * 1024);

    private final long bitsPerSecond;

    ThrottleUnit(long bitsPerSecond) {
        this.bitsPerSecond = bitsPerSecond;
    }

    public long bitsPerSecond(long value) {
        return Math.multiplyExact(value, bitsPerSecond);
    }
}
