package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.sessions.RateSample;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The throughput chart of a session: a point a second at first, never more than the chart holds. */
class LiveSessionTest {
    private static final long MIB = 1 << 20;

    @Test
    void aShortSessionHasAPointASecondAndALongOneStaysWithinTheChartAtTheRateItRan() {
        MutableClock clock = new MutableClock();
        LiveSession session = new LiveSession(UUID.randomUUID(), UUID.randomUUID(), "Nightly", JobType.VM_BACKUP, clock);
        session.vmPlanned("vm:x:/vms/web", "web", "sda", 100_000 * MIB);

        for (int second = 1; second <= 10; second++) {
            progress(session, clock, second);
        }
        List<RateSample> early = session.details().samples();
        assertThat(early).hasSize(10);
        assertThat(early).allSatisfy(sample -> assertThat(sample.readPerSecond()).isEqualTo(10 * MIB));

        for (int second = 11; second <= 3 * 3600; second++) {
            progress(session, clock, second);
        }
        List<RateSample> late = session.details().samples();
        assertThat(late).hasSizeBetween(360, 720);
        assertThat(late).allSatisfy(sample -> assertThat(sample.readPerSecond()).isEqualTo(10 * MIB));
        assertThat(late.getLast().at()).isAfter(clock.instant().minusSeconds(60));
    }

    /** The task has read 10 MiB more each second. */
    private static void progress(LiveSession session, MutableClock clock, int second) {
        clock.now = Instant.EPOCH.plusSeconds(second);
        session.taskProgress("vm:x:/vms/web", "sda", new TaskStatus("t", TaskState.RUNNING, 100_000 * MIB,
                second * 10 * MIB, second * 10 * MIB, 0, StageLoad.NONE, null, null, List.of()));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
