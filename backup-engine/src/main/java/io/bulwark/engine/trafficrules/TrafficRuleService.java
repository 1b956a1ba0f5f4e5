package io.bulwark.engine.trafficrules;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.protocol.trafficrules.IpRange;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.TrafficRuleRequest;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.net.InetAddress;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Network traffic rules: which data mover traffic to encrypt and how far to throttle it, by source
 * and target address and by hour of the week. The agents enforce them; this keeps them valid.
 */
public class TrafficRuleService implements EntityService<TrafficRuleRequest, TrafficRuleView> {
    public static final int MAX_THROTTLE = 1_000_000;

    private final TrafficRuleStore store;
    private final Lookups lookups;
    private final Clock clock;

    public TrafficRuleService(TrafficRuleStore store, Lookups lookups, Clock clock) {
        this.store = store;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public List<TrafficRuleView> list() {
        return store.list();
    }

    /**
     * The rules that apply to traffic from or to an address, as Add Proxy lists them for the proxy's
     * server. Null (a name that does not resolve) matches only rules for any address.
     */
    public List<TrafficRuleView> applyingTo(InetAddress address) {
        return list().stream().filter(rule -> covers(rule.sourceRange(), address, false)
                || covers(rule.targetRange(), address, true)).toList();
    }

    private static boolean covers(String range, InetAddress address, boolean publicAllowed) {
        IpRange parsed = IpRange.parse(range, publicAllowed);
        return address == null ? parsed.kind() == IpRange.Kind.ANY : parsed.matches(address);
    }

    @Override
    public TrafficRuleView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("traffic rule", id));
    }

    @Override
    public TrafficRuleView create(TrafficRuleRequest request, Caller caller) {
        Instant now = clock.instant();
        TrafficRuleView rule = validated(UUID.randomUUID(), request, now, now);
        store.insert(rule);
        return rule;
    }

    @Override
    public TrafficRuleView update(UUID id, TrafficRuleRequest request, Caller caller) {
        TrafficRuleView current = get(id);
        TrafficRuleView changed = validated(id, request, current.createdAt(), clock.instant());
        store.update(changed);
        return changed;
    }

    @Override
    public TrafficRuleView delete(UUID id, Caller caller) {
        TrafficRuleView rule = get(id);
        store.delete(id);
        return rule;
    }

    private TrafficRuleView validated(UUID id, TrafficRuleRequest request, Instant createdAt, Instant updatedAt) {
        FieldErrors errors = new FieldErrors();
        String name = errors.name("name", request.name(), 128);
        String source = range(errors, "sourceRange", request.sourceRange(), false);
        String target = range(errors, "targetRange", request.targetRange(), true);
        Throttle throttle = throttle(errors, request.throttle());
        TrafficSchedule schedule = schedule(errors, request.schedule());
        errors.throwIfAny();
        if (lookups.nameTaken("traffic_rules", name, id)) {
            throw new ConflictException("A traffic rule named '" + name + "' already exists. Pick another name.",
                    Map.of("name", "already taken"));
        }
        return new TrafficRuleView(id, name, source, target, Objects.requireNonNullElse(request.encrypt(), false),
                throttle, schedule, createdAt, updatedAt);
    }

    private static String range(FieldErrors errors, String field, String text, boolean publicAllowed) {
        if (errors.name(field, text, 128) == null || errors.has(field)) {
            return null;
        }
        try {
            return IpRange.parse(text, publicAllowed).normalised();
        } catch (IllegalArgumentException e) {
            errors.add(field, e.getMessage());
            return null;
        }
    }

    private static Throttle throttle(FieldErrors errors, Throttle given) {
        if (given == null || !given.enabled()) {
            return Throttle.OFF;
        }
        errors.range("throttle.value", given.value(), 1, MAX_THROTTLE, null);
        errors.required("throttle.unit", given.unit());
        return given;
    }

    private static TrafficSchedule schedule(FieldErrors errors, TrafficSchedule given) {
        if (given == null || given.always()) {
            return TrafficSchedule.ALWAYS;
        }
        Map<DayOfWeek, Set<Integer>> hours = new EnumMap<>(DayOfWeek.class);
        if (given.activeHours() != null) {
            given.activeHours().forEach((day, dayHours) -> {
                Set<Integer> sorted = new TreeSet<>();
                for (Integer hour : dayHours == null ? Set.<Integer>of() : dayHours) {
                    if (hour == null || hour < 0 || hour > 23) {
                        errors.add("schedule.activeHours." + day, "hours must be from 0 to 23");
                    } else {
                        sorted.add(hour);
                    }
                }
                if (!sorted.isEmpty()) {
                    hours.put(day, sorted);
                }
            });
        }
        if (hours.isEmpty() && !errors.has("schedule.activeHours")) {
            errors.add("schedule.activeHours", "must name at least one hour when the rule does not apply always");
        }
        return new TrafficSchedule(false, hours);
    }
}
