package io.bulwark.engine.scheduler;

import io.bulwark.protocol.proxies.TransportMode;
import java.util.UUID;

/** The scheduler's decision: this disk is read now by this proxy, in this mode. */
public record Assignment(DiskTask task, UUID proxyId, TransportMode mode) {
}
