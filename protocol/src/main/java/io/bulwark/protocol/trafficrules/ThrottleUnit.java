package io.bulwark.protocol.trafficrules;

/** The units a throttle is given in: megabits, megabytes or kilobytes per second. */
public enum ThrottleUnit {
    MBIT_PER_SEC,
    MBYTE_PER_SEC,
    KBYTE_PER_SEC
}
