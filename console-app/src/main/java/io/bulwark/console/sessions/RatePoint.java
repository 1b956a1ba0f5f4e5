package io.bulwark.console.sessions;

/**
 * A point of the throughput chart: seconds since the session started, and what was read and
 * transferred around then in MiB/s (the unit of the chart's axis).
 */
public record RatePoint(double second, double readMibPerSecond, double transferredMibPerSecond) {
}
