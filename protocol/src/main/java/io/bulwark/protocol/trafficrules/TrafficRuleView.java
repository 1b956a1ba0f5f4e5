package io.bulwark.protocol.trafficrules;

import io.bulwark.protocol.EntityView;
import java.time.Instant;
import java.util.UUID;

public record TrafficRuleView(
        UUID id,
        String name,
        String sourceRange,
        String targetRange,
        boolean encrypt,
        Throttle throttle,
        TrafficSchedule schedule,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
