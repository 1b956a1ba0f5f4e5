package io.bulwark.console.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.ScheduleKind;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobsTest {
    @Test
    void schedulesReadAsSentences() {
        assertThat(Jobs.schedule(null)).isEqualTo("Manual");
        assertThat(Jobs.schedule(JobSchedule.MANUAL)).isEqualTo("Manual");
        assertThat(Jobs.schedule(new JobSchedule(ScheduleKind.DAILY, LocalTime.of(22, 0),
                EnumSet.allOf(DayOfWeek.class), null))).isEqualTo("Daily at 22:00");
        assertThat(Jobs.schedule(new JobSchedule(ScheduleKind.DAILY, LocalTime.of(22, 0),
                Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), null))).isEqualTo("Daily at 22:00 on Mon, Fri");
        assertThat(Jobs.schedule(new JobSchedule(ScheduleKind.PERIODIC, null, Set.of(), 60)))
                .isEqualTo("Every 60 minutes");
    }
}
