package io.bulwark.agent.traffic;

import io.bulwark.protocol.control.TrafficPolicy;
import io.bulwark.protocol.trafficrules.IpRange;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import java.net.InetAddress;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One traffic policy, checked and ready to apply; immutable. Replacing the policy replaces this
 * whole object, so a connection that holds one sees a consistent set of rules.
 */
final class ShapingPolicy {
    static final int MAX_UPLOAD_STREAMS = 32;

    private final TrafficPolicy source;
    private final ZoneId zone;
    private final List<ShapingRule> rules;
    /** The buckets by rule id, for the next policy to keep where a rule's throttle did not change. */
    private final Map<UUID, TokenBucket> buckets;

    private ShapingPolicy(TrafficPolicy source, ZoneId zone, List<ShapingRule> rules, Map<UUID, TokenBucket> buckets) {
        this.source = source;
        this.zone = zone;
        this.rules = rules;
        this.buckets = buckets;
    }

    static ShapingPolicy none() {
        ZoneId zone = ZoneId.systemDefault();
        return new ShapingPolicy(new TrafficPolicy(zone.getId(), List.of(), TrafficSettings.DEFAULTS.uploadStreams()),
                zone, List.of(), Map.of());
    }

    /**
     * Checks {@code policy} and prepares its rules. A rule whose throttle is unchanged keeps its
     * bucket from {@code previous}, so that its connections go on sharing it without a fresh burst.
     *
     * @throws IllegalArgumentException naming the rule and what is wrong with it
     */
    static ShapingPolicy compile(TrafficPolicy policy, ShapingPolicy previous) {
        if (policy == null) {
            throw new IllegalArgumentException("traffic-rules needs a policy: zone, rules and uploadStreams");
        }
        ZoneId zone = zone(policy.zone());
        if (policy.uploadStreams() < 1 || policy.uploadStreams() > MAX_UPLOAD_STREAMS) {
            throw new IllegalArgumentException("uploadStreams must be from 1 to " + MAX_UPLOAD_STREAMS + ", not "
                    + policy.uploadStreams());
        }
        List<ShapingRule> rules = new ArrayList<>();
        Map<UUID, TokenBucket> buckets = new HashMap<>();
        for (TrafficRuleView view : policy.rules() == null ? List.<TrafficRuleView>of() : policy.rules()) {
            if (view == null) {
                throw new IllegalArgumentException("the policy lists an empty rule");
            }
            String label = "traffic rule '" + view.name() + "' (" + view.id() + ")";
            try {
                IpRange sourceRange = IpRange.parse(required(view.sourceRange(), "source range"), false);
                IpRange targetRange = IpRange.parse(required(view.targetRange(), "target range"), true);
                TrafficSchedule schedule = schedule(view.schedule());
                TokenBucket bucket = null;
                Throttle throttle = view.throttle();
                if (throttle != null && throttle.enabled()) {
                    Bandwidth bandwidth = Bandwidth.of(throttle);
                    TokenBucket kept = previous.buckets.get(view.id());
                    bucket = kept != null && kept.bandwidth().equals(bandwidth) ? kept : new TokenBucket(bandwidth);
                    if (view.id() != null) {
                        buckets.put(view.id(), bucket);
                    }
                }
                rules.add(new ShapingRule(view.name(), sourceRange, targetRange, schedule, bucket));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": " + e.getMessage() + ". The engine should not have sent"
                        + " it: check the rule in the console and save it again.", e);
            }
        }
        return new ShapingPolicy(policy, zone, List.copyOf(rules), Map.copyOf(buckets));
    }

    /** The policy as the engine sent it. */
    TrafficPolicy source() {
        return source;
    }

    List<ShapingRule> rules() {
        return rules;
    }

    /**
     * The buckets of the throttling rules that govern bytes from {@code sender} to {@code receiver}
     * at {@code now}, the lowest rate first; empty when none does.
     */
    List<TokenBucket> limitsFor(InetAddress sender, InetAddress receiver, Instant now) {
        ZonedDateTime when = now.atZone(zone);
        List<TokenBucket> limits = new ArrayList<>(2);
        for (ShapingRule rule : rules) {
            if (rule.throttles() && rule.covers(sender, receiver, when) && !limits.contains(rule.bucket())) {
                limits.add(rule.bucket());
            }
        }
        limits.sort(Comparator.comparingLong(bucket -> bucket.bandwidth().bytesPerSecond()));
        return limits;
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            throw new IllegalArgumentException("the policy has no time zone; the engine sends its own (such as"
                    + " Europe/Berlin) so that schedules read alike everywhere");
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + zone + "' is not a time zone this agent knows (" + e.getMessage()
                    + "); update the agent's Java runtime or set the engine's zone to a region such as Europe/Berlin");
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("it has no " + what);
        }
        return value;
    }

    private static TrafficSchedule schedule(TrafficSchedule schedule) {
        if (schedule == null || schedule.always()) {
            return TrafficSchedule.ALWAYS;
        }
        Map<DayOfWeek, Set<Integer>> hours = schedule.activeHours() == null ? Map.of() : schedule.activeHours();
        hours.forEach((day, dayHours) -> {
            for (Integer hour : dayHours == null ? Set.<Integer>of() : dayHours) {
                if (hour == null || hour < 0 || hour > 23) {
                    throw new IllegalArgumentException("its schedule names hour " + hour + " on " + day
                            + "; hours run from 0 to 23");
                }
            }
        });
        return new TrafficSchedule(false, hours);
    }
}
