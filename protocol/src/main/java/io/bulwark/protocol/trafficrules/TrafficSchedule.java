package io.bulwark.protocol.trafficrules;

import java.time.DayOfWeek;
import java.util.Map;
import java.util.Set;

/**
 * When a rule applies: always, or in the listed hours (0–23, local time of the engine) of each
 * weekday. A weekday that is absent has no active hour.
 */
public record TrafficSchedule(boolean always, Map<DayOfWeek, Set<Integer>> activeHours) {
    public static final TrafficSchedule ALWAYS = new TrafficSchedule(true, Map.of());
}
