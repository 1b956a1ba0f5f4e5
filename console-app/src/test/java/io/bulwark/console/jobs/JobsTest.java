package io.bulwark.console.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.jobs.JobSchedule;
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
        assertThat(Jobs.schedule(JobSchedule.daily(LocalTime.of(22, 0),
                EnumSet.allOf(DayOfWeek.class)))).isEqualTo("Daily at 22:00");
        assertThat(Jobs.schedule(JobSchedule.daily(LocalTime.of(22, 0),
                Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY)))).isEqualTo("Daily at 22:00 on Mon, Fri");
        assertThat(Jobs.schedule(JobSchedule.periodic(60))).isEqualTo("Every hour");
        assertThat(Jobs.schedule(JobSchedule.periodic(360))).isEqualTo("Every 6 hours");
        assertThat(Jobs.schedule(JobSchedule.periodic(90))).isEqualTo("Every 90 minutes");
        assertThat(Jobs.schedule(JobSchedule.monthly(LocalTime.of(1, 30), 15))).isEqualTo("Monthly on day 15 at 01:30");
    }
}
