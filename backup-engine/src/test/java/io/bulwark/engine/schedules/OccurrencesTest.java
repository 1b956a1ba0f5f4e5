package io.bulwark.engine.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.jobs.JobSchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When schedules come due, in Europe/Berlin, across month ends, leap years and both DST changes. */
class OccurrencesTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final Occurrences occurrences = new Occurrences(BERLIN);

    @Test
    void aDailyScheduleRunsAtItsTimeOnItsDaysOnly() {
        JobSchedule schedule = JobSchedule.daily(LocalTime.of(22, 0), Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

        // Wednesday 2026-11-25, noon.
        assertThat(runs(schedule, berlin(2026, 11, 25, 12, 0), 4)).containsExactly(
                "2026-11-27T22:00+01:00[Europe/Berlin]", "2026-11-30T22:00+01:00[Europe/Berlin]",
                "2026-12-04T22:00+01:00[Europe/Berlin]", "2026-12-07T22:00+01:00[Europe/Berlin]");
        assertThat(next(schedule, berlin(2026, 11, 27, 22, 0))).as("strictly after: not the run that just came due")
                .isEqualTo(berlin(2026, 11, 30, 22, 0));
        assertThat(next(schedule, berlin(2026, 11, 27, 21, 59).plusSeconds(59).plusNanos(999_000)))
                .isEqualTo(berlin(2026, 11, 27, 22, 0));
    }

    @Test
    void dayThirtyOneRunsOnTheLastDayOfEveryShorterMonth() {
        JobSchedule schedule = JobSchedule.monthly(LocalTime.of(22, 0), 31);

        assertThat(runs(schedule, berlin(2026, 1, 1, 0, 0), 12)).containsExactly(
                "2026-01-31T22:00+01:00[Europe/Berlin]", "2026-02-28T22:00+01:00[Europe/Berlin]",
                "2026-03-31T22:00+02:00[Europe/Berlin]", "2026-04-30T22:00+02:00[Europe/Berlin]",
                "2026-05-31T22:00+02:00[Europe/Berlin]", "2026-06-30T22:00+02:00[Europe/Berlin]",
                "2026-07-31T22:00+02:00[Europe/Berlin]", "2026-08-31T22:00+02:00[Europe/Berlin]",
                "2026-09-30T22:00+02:00[Europe/Berlin]", "2026-10-31T22:00+01:00[Europe/Berlin]",
                "2026-11-30T22:00+01:00[Europe/Berlin]", "2026-12-31T22:00+01:00[Europe/Berlin]");
        assertThat(runs(schedule, berlin(2028, 2, 1, 0, 0), 1)).as("leap year")
                .containsExactly("2028-02-29T22:00+01:00[Europe/Berlin]");
    }

    @Test
    void daysTwentyNineAndThirtyFallBackToTheLastDayOfFebruaryOnce() {
        JobSchedule thirtieth = JobSchedule.monthly(LocalTime.of(6, 15), 30);
        JobSchedule twentyNinth = JobSchedule.monthly(LocalTime.of(6, 15), 29);

        assertThat(runs(thirtieth, berlin(2026, 2, 1, 0, 0), 3)).containsExactly(
                "2026-02-28T06:15+01:00[Europe/Berlin]", "2026-03-30T06:15+02:00[Europe/Berlin]",
                "2026-04-30T06:15+02:00[Europe/Berlin]");
        assertThat(runs(twentyNinth, berlin(2027, 2, 1, 0, 0), 2)).containsExactly(
                "2027-02-28T06:15+01:00[Europe/Berlin]", "2027-03-29T06:15+02:00[Europe/Berlin]");
        // In a leap year day 29 exists and is also the last day: one run, not two.
        assertThat(runs(twentyNinth, berlin(2028, 2, 1, 0, 0), 2)).containsExactly(
                "2028-02-29T06:15+01:00[Europe/Berlin]", "2028-03-29T06:15+02:00[Europe/Berlin]");
        assertThat(runs(JobSchedule.monthly(LocalTime.of(6, 15), 28), berlin(2028, 2, 1, 0, 0), 2)).containsExactly(
                "2028-02-28T06:15+01:00[Europe/Berlin]", "2028-03-28T06:15+02:00[Europe/Berlin]");
    }

    @Test
    void aPeriodicScheduleKeepsToTheGridOfItsPreviousRun() {
        JobSchedule every90 = JobSchedule.periodic(90);
        Instant previous = berlin(2026, 11, 24, 22, 0);

        assertThat(occurrences.next(every90, previous, previous)).contains(berlin(2026, 11, 24, 23, 30));
        assertThat(occurrences.next(every90, previous.plusSeconds(75), previous)).as("a late tick")
                .contains(berlin(2026, 11, 24, 23, 30));
        assertThat(occurrences.next(every90, berlin(2026, 11, 25, 2, 10), previous)).as("after runs went by")
                .contains(berlin(2026, 11, 25, 2, 30));
        assertThat(occurrences.next(every90, berlin(2026, 11, 24, 12, 7).plusSeconds(42), null))
                .as("no previous run: from now, to the minute").contains(berlin(2026, 11, 24, 13, 37));
    }

    @Test
    void springForwardInBerlinNeitherLosesNorDoublesARun() {
        // 2026-03-29: clocks go from 02:00 to 03:00. A run at 02:30 moves to 03:30 that day.
        JobSchedule at0230 = JobSchedule.daily(LocalTime.of(2, 30), Set.of(DayOfWeek.values()));
        JobSchedule at0330 = JobSchedule.daily(LocalTime.of(3, 30), Set.of(DayOfWeek.values()));

        assertThat(runs(at0230, berlin(2026, 3, 27, 12, 0), 4)).containsExactly(
                "2026-03-28T02:30+01:00[Europe/Berlin]", "2026-03-29T03:30+02:00[Europe/Berlin]",
                "2026-03-30T02:30+02:00[Europe/Berlin]", "2026-03-31T02:30+02:00[Europe/Berlin]");
        assertThat(runs(at0330, berlin(2026, 3, 28, 12, 0), 2)).containsExactly(
                "2026-03-29T03:30+02:00[Europe/Berlin]", "2026-03-30T03:30+02:00[Europe/Berlin]");
        // Asked between the jump and the moved run, the moved run is still ahead (local "now" is past 02:30).
        Instant afterJump = ZonedDateTime.of(2026, 3, 29, 3, 10, 0, 0, BERLIN).toInstant();
        assertThat(next(at0230, afterJump)).isEqualTo(ZonedDateTime.of(2026, 3, 29, 3, 30, 0, 0, BERLIN).toInstant());
        // A periodic schedule counts real time: 60 minutes apart across the jump.
        Instant before = ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, BERLIN).toInstant();
        assertThat(occurrences.next(JobSchedule.periodic(60), before, before)).map(i -> i.atZone(BERLIN).toString())
                .contains("2026-03-29T03:30+02:00[Europe/Berlin]");
    }

    @Test
    void fallBackInBerlinRunsTheRepeatedHourOnce() {
        // 2026-10-25: clocks go from 03:00 back to 02:00, so 02:30 happens twice; the run is at the first.
        JobSchedule at0230 = JobSchedule.daily(LocalTime.of(2, 30), Set.of(DayOfWeek.values()));

        assertThat(runs(at0230, berlin(2026, 10, 24, 12, 0), 3)).containsExactly(
                "2026-10-25T02:30+02:00[Europe/Berlin]", "2026-10-26T02:30+01:00[Europe/Berlin]",
                "2026-10-27T02:30+01:00[Europe/Berlin]");
        Instant secondTime = ZonedDateTime.ofLocal(LocalDateTime.of(2026, 10, 25, 2, 10), BERLIN, null)
                .withLaterOffsetAtOverlap().toInstant();
        assertThat(next(at0230, secondTime)).as("from inside the repeated hour, after the run")
                .isEqualTo(berlin(2026, 10, 26, 2, 30));
    }

    @Test
    void manualAndAfterJobSchedulesHaveNoTimeOfTheirOwn() {
        Instant now = berlin(2026, 11, 24, 12, 0);

        assertThat(occurrences.next(JobSchedule.MANUAL, now, null)).isEmpty();
        assertThat(occurrences.next(JobSchedule.afterJob(UUID.randomUUID()), now, now)).isEmpty();
    }

    @Test
    void aStoredRunFitsOnlyTheScheduleItWasComputedFor() {
        JobSchedule at22 = JobSchedule.daily(LocalTime.of(22, 0), Set.of(DayOfWeek.TUESDAY));
        JobSchedule at23 = JobSchedule.daily(LocalTime.of(23, 0), Set.of(DayOfWeek.TUESDAY));
        Instant tuesday22 = berlin(2026, 11, 24, 22, 0);
        Instant now = berlin(2026, 11, 24, 12, 0);

        assertThat(occurrences.fits(at22, tuesday22, now)).isTrue();
        assertThat(occurrences.fits(at23, tuesday22, now)).isFalse();
        assertThat(occurrences.fits(JobSchedule.periodic(60), now.plusSeconds(3600), now)).isTrue();
        assertThat(occurrences.fits(JobSchedule.periodic(60), now.plusSeconds(3601), now)).isFalse();
        assertThat(occurrences.local(tuesday22)).isEqualTo("2026-11-24 22:00");
    }

    private Instant next(JobSchedule schedule, Instant now) {
        return occurrences.next(schedule, now, null).orElseThrow();
    }

    /** The first {@code count} runs after {@code from}, each computed from the one before, as the ticker does. */
    private List<String> runs(JobSchedule schedule, Instant from, int count) {
        List<String> runs = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < count; i++) {
            at = occurrences.next(schedule, at, at).orElseThrow();
            runs.add(at.atZone(BERLIN).toString());
        }
        return runs;
    }

    static Instant berlin(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, BERLIN).toInstant();
    }
}
