package io.bulwark.console.trafficrules;

import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A schedule in a few words for the rules table: "Always", "Mon–Fri 08:00–18:00", "Sat–Sun all day". */
public final class ScheduleSummary {
    private ScheduleSummary() {
    }

    public static String describe(TrafficSchedule schedule) {
        if (schedule == null || schedule.always()) {
            return "Always";
        }
        // Weekdays with the same hours read as one group, in weekday order.
        Map<Set<Integer>, List<DayOfWeek>> daysByHours = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            Set<Integer> hours = schedule.activeHours() == null ? null : schedule.activeHours().get(day);
            if (hours != null && !hours.isEmpty()) {
                daysByHours.computeIfAbsent(new TreeSet<>(hours), key -> new ArrayList<>()).add(day);
            }
        }
        if (daysByHours.isEmpty()) {
            return "Never";
        }
        List<String> groups = new ArrayList<>();
        daysByHours.forEach((hours, days) -> groups.add(days(days) + " " + hours(new TreeSet<>(hours))));
        return String.join("; ", groups);
    }

    private static String days(List<DayOfWeek> days) {
        List<String> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= days.size(); i++) {
            if (i == days.size() || days.get(i).getValue() != days.get(i - 1).getValue() + 1) {
                runs.add(run(dayName(days.get(start)), dayName(days.get(i - 1)), i - 1 > start));
                start = i;
            }
        }
        return String.join(", ", runs);
    }

    private static String hours(TreeSet<Integer> hours) {
        if (hours.size() == WeeklyHours.HOURS) {
            return "all day";
        }
        List<String> runs = new ArrayList<>();
        Integer first = null;
        Integer previous = null;
        for (int hour : hours) {
            if (first == null) {
                first = hour;
            } else if (hour != previous + 1) {
                runs.add(clock(first) + "–" + clock(previous + 1));
                first = hour;
            }
            previous = hour;
        }
        runs.add(clock(first) + "–" + clock(previous + 1));
        return String.join(", ", runs);
    }

    private static String run(String first, String last, boolean several) {
        return several ? first + "–" + last : first;
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static String clock(int hour) {
        return String.format(Locale.ROOT, "%02d:00", hour);
    }
}
