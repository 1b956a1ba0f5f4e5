package io.bulwark.console.sessions;

import io.bulwark.protocol.sessions.SessionState;
import java.util.UUID;

/**
 * One VM of the statistics window's list, ready to show.
 *
 * @param status   the state in words ("Success", "Failed")
 * @param progress the VM's disks' progress, "1.5 GiB of 4.0 GiB (37 %)"
 * @param reason   why the VM failed or warned, in the engine's words; empty when it did neither
 */
public record VmRow(UUID id, String name, SessionState state, String status, String duration, String progress,
                   String reason) {
}
