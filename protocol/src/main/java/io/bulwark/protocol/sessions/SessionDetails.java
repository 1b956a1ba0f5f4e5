package io.bulwark.protocol.sessions;

import io.bulwark.protocol.control.StageLoad;
import java.util.List;

/**
 * What the session statistics window shows: the session, its VMs and their tasks, the load of each
 * pipeline stage over the session's tasks (the busiest is the bottleneck), and the throughput chart.
 *
 * @param readBytes what was read from the sources (processed bytes are in the session)
 * @param success   VMs that succeeded; {@code warnings} and {@code errors} likewise
 */
public record SessionDetails(SessionView session, long readBytes, int success, int warnings, int errors,
                             StageLoad load, List<RateSample> samples, List<SessionVmView> vms) {
}
