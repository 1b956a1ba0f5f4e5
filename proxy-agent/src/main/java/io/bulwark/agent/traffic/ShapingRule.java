package io.bulwark.agent.traffic;

import io.bulwark.protocol.trafficrules.IpRange;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.net.InetAddress;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A traffic rule as the agent applies it: ranges parsed, and the bucket of its throttle (null when
 * it does not throttle).
 */
record ShapingRule(String name, IpRange source, IpRange target, TrafficSchedule schedule, TokenBucket bucket) {

    boolean throttles() {
        return bucket != null;
    }

    /** Whether it governs bytes sent from {@code sender} to {@code receiver} at {@code when}. */
    boolean covers(InetAddress sender, InetAddress receiver, ZonedDateTime when) {
        return source.matches(sender) && target.matches(receiver) && activeAt(when);
    }

    private boolean activeAt(ZonedDateTime when) {
        if (schedule.always()) {
            return true;
        }
        Set<Integer> hours = schedule.activeHours().get(when.getDayOfWeek());
        return hours != null && hours.contains(when.getHour());
    }
}
