package io.bulwark.protocol.jobs;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/**
 * The hours (0–23, the engine's local time) of each weekday in which a job may run. A job still
 * running when the window closes is stopped, as if an admin had pressed Stop; a scheduled run
 * outside the window does not start.
 */
public record BackupWindow(Map<DayOfWeek, Set<Integer>> allowedHours) {
    public boolean allows(LocalDateTime time) {
        Set<Integer> hours = allowedHours == null ? null : allowedHours.get(time.getDayOfWeek());
        return hours != null && hours.contains(time.getHour());
    }
}
