package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.jobs.Retention;
import io.bulwark.protocol.jobs.RetentionUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which of a VM's restore points a job's retention removes. */
class JobRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void keepsTheNewestCountOfRestorePoints() {
        List<RestorePointView> daily = pointsOneDayApart(5);

        assertThat(JobRetention.beyond(daily, new Retention(RetentionUnit.RESTORE_POINTS, 3), NOW))
                .containsExactlyElementsOf(daily.subList(3, 5));
        assertThat(JobRetention.beyond(daily, new Retention(RetentionUnit.RESTORE_POINTS, 5), NOW)).isEmpty();
        assertThat(JobRetention.beyond(daily, new Retention(RetentionUnit.RESTORE_POINTS, 1), NOW))
                .containsExactlyElementsOf(daily.subList(1, 5));
    }

    @Test
    void keepsTheDaysButNeverTheNewestPoint() {
        List<RestorePointView> daily = pointsOneDayApart(5); // 0, 1, 2, 3 and 4 days old

        assertThat(JobRetention.beyond(daily, new Retention(RetentionUnit.DAYS, 2), NOW))
                .as("older than two days").containsExactlyElementsOf(daily.subList(2, 5));
        List<RestorePointView> stale = List.of(point(NOW.minus(Duration.ofDays(40))), point(NOW.minus(Duration.ofDays(41))));
        assertThat(JobRetention.beyond(stale, new Retention(RetentionUnit.DAYS, 7), NOW))
                .as("the newest stays even when it is older than the days: the next run reads through it")
                .containsExactly(stale.get(1));
    }

    private static List<RestorePointView> pointsOneDayApart(int count) {
        List<RestorePointView> newestFirst = new ArrayList<>();
        for (int day = 0; day < count; day++) {
            newestFirst.add(point(NOW.minus(Duration.ofDays(day)).minusSeconds(60)));
        }
        return newestFirst;
    }

    private static RestorePointView point(Instant created) {
        return new RestorePointView(UUID.randomUUID(), UUID.randomUUID(), "job", "vm:x:/vms/web", "web",
                UUID.randomUUID(), "repo", null, UUID.randomUUID(), created, List.of(), BackupHealth.UNVERIFIED, null);
    }
}
