package io.bulwark.agent.traffic;

import io.bulwark.protocol.control.TrafficPolicy;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Policies and rules as the engine sends them, for the tests. */
final class TrafficPolicies {
    static final Instant SAVED = Instant.parse("2025-01-06T08:00:00Z");

    private TrafficPolicies() {
    }

    static TrafficRuleView throttling(String name, String source, String target, int value, ThrottleUnit unit,
                                      TrafficSchedule schedule) {
        return new TrafficRuleView(UUID.nameUUIDFromBytes(name.getBytes()), name, source, target, true,
                new Throttle(true, value, unit), schedule, SAVED, SAVED);
    }

    static TrafficRuleView mbits(String name, String source, String target, int megabits) {
        return throttling(name, source, target, megabits, ThrottleUnit.MBIT_PER_SEC, TrafficSchedule.ALWAYS);
    }

    static TrafficPolicy policy(String zone, TrafficRuleView... rules) {
        return new TrafficPolicy(zone, List.of(rules), 5);
    }

    static TrafficPolicy policy(TrafficRuleView... rules) {
        return policy("UTC", rules);
    }
}
