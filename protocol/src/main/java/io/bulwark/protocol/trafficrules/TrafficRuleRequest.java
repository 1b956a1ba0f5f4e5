package io.bulwark.protocol.trafficrules;

/**
 * Adds or changes a network traffic rule. Ranges take a single address ({@code 10.0.0.5}), a range
 * ({@code 10.0.0.1-10.0.0.50}), a CIDR block ({@code 10.0.0.0/24}), or {@code any}. The target
 * also takes {@code public}: any public address.
 */
public record TrafficRuleRequest(
        String name,
        String sourceRange,
        String targetRange,
        Boolean encrypt,
        Throttle throttle,
        TrafficSchedule schedule) {
}
