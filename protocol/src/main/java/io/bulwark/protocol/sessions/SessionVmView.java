package io.bulwark.protocol.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One VM in a session, with its disks' tasks and its log (warnings start with "Warning:", errors with "Error:"). */
public record SessionVmView(UUID id, String reference, String name, SessionState state, String message,
                            Instant startedAt, Instant endedAt, List<SessionTaskView> tasks, List<String> log) {
}
