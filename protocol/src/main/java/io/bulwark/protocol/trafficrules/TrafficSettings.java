package io.bulwark.protocol.trafficrules;

/**
 * Global network traffic settings, beside the rules.
 *
 * @param uploadStreams how many data connections one job opens to a repository: more streams fill
 *                      a long fat link better (1-32, default 5)
 */
public record TrafficSettings(int uploadStreams) {
    public static final TrafficSettings DEFAULTS = new TrafficSettings(5);
}
