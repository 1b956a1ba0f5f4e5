package io.bulwark.protocol.sessions;

import java.time.Instant;

/** A point of a session's throughput chart: bytes per second read and transferred around {@code at}. */
public record RateSample(Instant at, long readPerSecond, long transferredPerSecond) {
}
