package io.bulwark.console.trafficrules;

import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The weekday × hour grid of a traffic rule's schedule: 7 × 24 cells, each on when the rule applies
 * in that hour. It maps to and from the {@code activeHours} of a {@link TrafficSchedule}.
 */
public final class WeeklyHours {
    public static final int HOURS = 24;

    private final Map<DayOfWeek, BooleanProperty[]> cells = new EnumMap<>(DayOfWeek.class);
    private final ReadOnlyIntegerWrapper activeCount = new ReadOnlyIntegerWrapper();

    public WeeklyHours() {
        for (DayOfWeek day : DayOfWeek.values()) {
            BooleanProperty[] hours = new BooleanProperty[HOURS];
            for (int hour = 0; hour < HOURS; hour++) {
                hours[hour] = new SimpleBooleanProperty();
                hours[hour].addListener((observable, was, is) -> activeCount.set(activeCount.get() + (is ? 1 : -1)));
            }
            cells.put(day, hours);
        }
    }

    /** The cell of one hour (0–23) of a weekday. */
    public BooleanProperty hour(DayOfWeek day, int hour) {
        return cells.get(day)[hour];
    }

    /** How many cells are on. */
    public ReadOnlyIntegerProperty activeCountProperty() {
        return activeCount.getReadOnlyProperty();
    }

    public void setAll(boolean active) {
        cells.values().forEach(hours -> {
            for (BooleanProperty cell : hours) {
                cell.set(active);
            }
        });
    }

    /** Shows a schedule's hours; an "always" schedule shows every cell on, ready to be narrowed. */
    public void load(TrafficSchedule schedule) {
        if (schedule == null || schedule.always()) {
            setAll(true);
            return;
        }
        setAll(false);
        Map<DayOfWeek, Set<Integer>> active = schedule.activeHours() == null ? Map.of() : schedule.activeHours();
        active.forEach((day, hours) -> hours.stream().filter(hour -> hour != null && hour >= 0 && hour < HOURS)
                .forEach(hour -> hour(day, hour).set(true)));
    }

    /** The cells that are on, by weekday; a weekday without any is left out, as the engine stores it. */
    public Map<DayOfWeek, Set<Integer>> activeHours() {
        Map<DayOfWeek, Set<Integer>> active = new EnumMap<>(DayOfWeek.class);
        cells.forEach((day, hours) -> {
            Set<Integer> on = new TreeSet<>();
            for (int hour = 0; hour < HOURS; hour++) {
                if (hours[hour].get()) {
                    on.add(hour);
                }
            }
            if (!on.isEmpty()) {
                active.put(day, on);
            }
        });
        return active;
    }
}
