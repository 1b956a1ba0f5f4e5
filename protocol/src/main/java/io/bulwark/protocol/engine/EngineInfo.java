package io.bulwark.protocol.engine;

import java.time.Instant;

/** About the engine a client is connected to. */
public record EngineInfo(String version, String hostname, String database, Instant startedAt) {
}
