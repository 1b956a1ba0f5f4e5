package io.bulwark.protocol.servers;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The latest deployment to a managed server, step by step, as the console's Apply page shows it
 * live (re-read on every change event of the server).
 *
 * @param state    RUNNING, SUCCEEDED or FAILED
 * @param percent  how far it has come, 0-100
 * @param uploadedBytes what this deployment sent to the host; 0 for a host that was up to date
 * @param log      what was done, oldest first
 */
public record DeploymentView(UUID serverId, String state, int percent, long uploadedBytes, List<Line> log,
                             Instant startedAt, Instant endedAt) {
    /** One line of a deployment's log. {@code level} is INFO, WARNING or ERROR. */
    public record Line(Instant at, String step, String level, String text) {
    }
}
