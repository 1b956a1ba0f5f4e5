package io.bulwark.protocol.trafficrules;

/** Limits the bandwidth of the traffic a rule matches to {@code value} {@code unit}, when enabled. */
public record Throttle(boolean enabled, Integer value, ThrottleUnit unit) {
    public static final Throttle OFF = new Throttle(false, null, null);
}
