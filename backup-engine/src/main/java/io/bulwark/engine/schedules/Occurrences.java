package io.bulwark.engine.schedules;

import io.bulwark.protocol.jobs.JobSchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule comes due, in the engine's time zone. Pure and deterministic: the same schedule,
 * zone and instant always give the same answer, so the ticker and its tests agree on every run.
 *
 * <p>DAILY and MONTHLY are cron expressions evaluated on the <em>local</em> date and time, then
 * placed in the zone. Evaluating them on a {@link ZonedDateTime} instead loses and doubles runs at
 * daylight saving changes: Spring's cron skips a day whose run time falls into the spring-forward
 * gap, and runs twice where autumn repeats the hour. Here a run time in the gap moves forward by the
 * gap's length (02:30 becomes 03:30), and a run time in the repeated hour runs at its first instance
 * only.
 */
public final class Occurrences {
    /**
     * How far back in local time the search starts: a run time moved forward out of a DST gap lies
     * before the local "now" yet after the instant "now", so the search must see it. No zone shifts
     * its clock by more than two hours.
     */
    private static final Duration DST_REACH = Duration.ofHours(3);

    private final ZoneId zone;

    public Occurrences(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The schedule's first run strictly after {@code now}.
     *
     * @param previous the run that came due last (PERIODIC keeps to its grid: previous + k × period),
     *                 or null, when a PERIODIC schedule counts its period from now
     * @return nothing for MANUAL and AFTER_JOB, which have no time of their own
     */
    public Optional<Instant> next(JobSchedule schedule, Instant now, Instant previous) {
        return switch (schedule.kind()) {
            case MANUAL, AFTER_JOB -> Optional.empty();
            case PERIODIC -> Optional.of(periodic(Duration.ofMinutes(schedule.everyMinutes()), now, previous));
            case DAILY, MONTHLY -> Optional.of(calendar(expressions(schedule), now));
        };
    }

    /**
     * Whether {@code at} could be a run of this schedule as it stands. A stored next run that is not
     * (the schedule changed and the engine stopped before it moved the next run) is computed again.
     */
    public boolean fits(JobSchedule schedule, Instant at, Instant now) {
        return switch (schedule.kind()) {
            case MANUAL, AFTER_JOB -> false;
            case PERIODIC -> !at.isAfter(now.plus(Duration.ofMinutes(schedule.everyMinutes())));
            case DAILY, MONTHLY -> calendar(expressions(schedule), at.minusSeconds(1)).equals(at);
        };
    }

    /** The time of day an instant shows in the engine's zone, as messages give it: 2026-11-24 22:00. */
    public String local(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.MINUTES);
        return local.toLocalDate() + " " + local.toLocalTime();
    }

    private static Instant periodic(Duration every, Instant now, Instant previous) {
        if (previous == null) {
            return now.truncatedTo(ChronoUnit.MINUTES).plus(every);
        }
        if (previous.isAfter(now)) {
            return previous;
        }
        long periods = Duration.between(previous, now).toMillis() / every.toMillis() + 1;
        return previous.plus(every.multipliedBy(periods));
    }

    private Instant calendar(List<CronExpression> expressions, Instant now) {
        LocalDateTime from = LocalDateTime.ofInstant(now, zone).minus(DST_REACH);
        Instant first = null;
        for (CronExpression cron : expressions) {
            LocalDateTime candidate = cron.next(from);
            while (candidate != null) {
                // A null preferred offset takes the earlier offset in the repeated hour, and moves a
                // time in the gap forward by the gap's length.
                Instant at = ZonedDateTime.ofLocal(candidate, zone, null).toInstant();
                if (at.isAfter(now)) {
                    first = first == null || at.isBefore(first) ? at : first;
                    break;
                }
                candidate = cron.next(candidate);
            }
        }
        if (first == null) {
            throw new IllegalStateException("The schedule " + expressions + " never comes due");
        }
        return first;
    }

    /**
     * DAILY: {@code S M H * * MON,FRI}. MONTHLY on day N: {@code S M H N * *}, and for N of 29 to 31
     * also the last day ({@code L}) of exactly the months that lack day N, since cron alone skips
     * them (day 31 would never run in February, April, June, September or November).
     */
    static List<CronExpression> expressions(JobSchedule schedule) {
        LocalTime time = schedule.time();
        String at = time.getSecond() + " " + time.getMinute() + " " + time.getHour() + " ";
        return switch (schedule.kind()) {
            case DAILY -> List.of(CronExpression.parse(at + "* * " + schedule.days().stream().sorted()
                    .map(Occurrences::cronDay).collect(Collectors.joining(","))));
            case MONTHLY -> {
                int day = schedule.dayOfMonth();
                CronExpression onTheDay = CronExpression.parse(at + day + " * *");
                String shorter = switch (day) {
                    case 29, 30 -> "2";
                    case 31 -> "2,4,6,9,11";
                    default -> null;
                };
                yield shorter == null ? List.of(onTheDay)
                        : List.of(onTheDay, CronExpression.parse(at + "L " + shorter + " *"));
            }
            default -> throw new IllegalArgumentException("A " + schedule.kind() + " schedule has no calendar");
        };
    }

    private static String cronDay(DayOfWeek day) {
        return day.name().substring(0, 3).toUpperCase(Locale.ROOT);
    }
}
