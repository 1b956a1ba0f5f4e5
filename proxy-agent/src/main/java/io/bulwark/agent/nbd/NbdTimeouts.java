package io.bulwark.agent.nbd;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the client waits for an NBD server, so that a silent server fails a backup instead of
 * hanging it.
 *
 * @param connect how long a TCP connection may take to be accepted
 * @param reply   how long the server may stay silent while the client waits for its next bytes,
 *                in the handshake or for a reply; a large read keeps bytes flowing and is not
 *                limited as a whole
 */
public record NbdTimeouts(Duration connect, Duration reply) {
    public static final NbdTimeouts DEFAULT = new NbdTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    public NbdTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(reply, "reply");
        if (connect.toMillis() < 1 || reply.toMillis() < 1) {
            throw new IllegalArgumentException("NBD timeouts must be at least a millisecond, got " + connect + " and " + reply);
        }
        if (connect.toMillis() > Integer.MAX_VALUE || reply.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("NBD timeouts must be under 24 days, got " + connect + " and " + reply);
        }
    }

    int connectMillis() {
        return (int) connect.toMillis();
    }

    int replyMillis() {
        return (int) reply.toMillis();
    }
}
