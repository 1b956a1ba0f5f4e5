package io.bulwark.protocol.control;

import io.bulwark.protocol.trafficrules.TrafficRuleView;
import java.util.List;

/**
 * The network traffic rules an agent applies to its data connections, all of them, replacing what
 * it had. Schedules are read in {@code zone}, the engine's time zone, wherever the agent runs.
 *
 * @param uploadStreams how many data connections one job may open to a repository (default 5)
 */
public record TrafficPolicy(String zone, List<TrafficRuleView> rules, int uploadStreams) {
}
