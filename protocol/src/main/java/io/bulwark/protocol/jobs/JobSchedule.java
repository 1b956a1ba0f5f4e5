package io.bulwark.protocol.jobs;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

public record JobSchedule(ScheduleKind kind, LocalTime time, Set<DayOfWeek> days, Integer everyMinutes) {
    public static final JobSchedule MANUAL = new JobSchedule(ScheduleKind.MANUAL, null, Set.of(), null);
}
