package io.bulwark.console.sessions;

import java.util.UUID;

/**
 * Asks for the statistics window of a session (History's Statistics, a job just started, a restore
 * just posted). Publish it on the login's event bus; {@link SessionStatistics} answers it, and brings
 * the session's window to the front when it is open already.
 */
public record OpenSessionStatistics(UUID sessionId) {
}
