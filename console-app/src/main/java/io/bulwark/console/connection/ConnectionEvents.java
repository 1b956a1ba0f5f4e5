package io.bulwark.console.connection;

import java.time.Instant;

/** What the console's event bus hears about the connection to the engine. */
public final class ConnectionEvents {
    private ConnectionEvents() {
    }

    /** The event stream is open; after a loss, everything shown may be stale and is reloaded. */
    public record StreamOpened(boolean afterLoss) {
    }

    /** The event stream broke or fell silent; the next attempt is at {@code retryAt}. */
    public record StreamLost(String reason, Instant retryAt) {
    }

    /** The engine no longer accepts the login (expired, logged out, user changed). */
    public record SessionEnded(String message) {
    }
}
