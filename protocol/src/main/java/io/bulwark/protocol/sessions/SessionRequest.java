package io.bulwark.protocol.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * Records or corrects a job session. The job runner writes sessions itself; this request is for
 * importing history and for corrections by an Administrator. {@code endedAt} is set exactly when
 * the state is a finished one.
 */
public record SessionRequest(
        UUID jobId,
        SessionState state,
        Instant startedAt,
        Instant endedAt,
        Integer progressPercent,
        Long processedBytes,
        Long transferredBytes,
        String message) {
}
