package io.bulwark.protocol.sessions;

import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.proxies.TransportMode;
import java.time.Instant;
import java.util.UUID;

/**
 * One disk of one VM in a session: which proxy read it, how, and how much.
 *
 * @param transportMode the mode actually used (after any failover to network)
 * @param readBytes     what was read from the source
 * @param transferredBytes what reached the repository after dedup and compression
 */
public record SessionTaskView(UUID id, String disk, String proxyName, TransportMode transportMode,
                              SessionState state, long totalBytes, long doneBytes, long readBytes,
                              long transferredBytes, StageLoad load, Instant startedAt, Instant endedAt,
                              String message) {
}
