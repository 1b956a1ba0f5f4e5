package io.bulwark.agent.nbd;

import java.io.IOException;

/**
 * The server sent something the NBD protocol forbids. The byte stream can no longer be trusted to
 * be in step, so the connection is dropped (the spec's "hard disconnect").
 */
final class ProtocolViolation extends IOException {
    ProtocolViolation(String message) {
        super(message);
    }
}
