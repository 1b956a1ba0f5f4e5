package io.bulwark.agent.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.repository.points.PointId;
import io.bulwark.agent.repository.points.RestorePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void keepsTheNewestOfEachDisk() {
        List<RestorePoint> points = new ArrayList<>();
        for (int day = 10; day >= 1; day--) {
            points.add(point("web", day));
            if (day % 5 == 0) {
                points.add(point("db", day));
            }
        }
        List<RestorePoint> forgotten = new Retention(2, null).toForget(points, NOW);
        assertThat(forgotten).hasSize(8).allSatisfy(p -> assertThat(p.disks().getFirst().name()).isEqualTo("web"));
        assertThat(forgotten).doesNotContain(points.getLast());
    }

    @Test
    void keepsWhatEitherRuleKeeps() {
        List<RestorePoint> points = List.of(point("web", 30), point("web", 20), point("web", 6), point("web", 2));
        assertThat(new Retention(1, 7).toForget(points, NOW)).containsExactly(points.get(0), points.get(1));
        assertThat(new Retention(null, 25).toForget(points, NOW)).containsExactly(points.get(0));
    }

    @Test
    void needsARule() {
        assertThatThrownBy(() -> new Retention(null, null)).hasMessageContaining("--keep-last");
        assertThatThrownBy(() -> new Retention(0, null)).hasMessageContaining("at least 1");
    }

    private static RestorePoint point(String disk, int daysAgo) {
        return new RestorePoint(RestorePoint.VERSION, PointId.random(), NOW.minus(Duration.ofDays(daysAgo)).plusSeconds(1),
                "host", List.of(new RestorePoint.Disk(disk, "/dev/null", 1 << 20, 1 << 20, 1, 0)),
                new RestorePoint.Stats(0, 0, 0, 0, 0, 0));
    }
}
