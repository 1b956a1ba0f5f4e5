package io.bulwark.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoalsTest {
    static Results madeUp() {
        Results results = new Results(2_147_483_648L);
        results.record(Tool.BULWARK, Operation.FULL_BACKUP, new Measurement(3.0, 290 * 1024, 0));
        results.record(Tool.BULWARK, Operation.INCREMENTAL, new Measurement(2.0, 280 * 1024, 0));
        results.record(Tool.BULWARK, Operation.INCREMENTAL_BITMAP, new Measurement(0.5, 310 * 1024, 0.02));
        results.record(Tool.BULWARK, Operation.RESTORE, new Measurement(1.0, 190 * 1024, 0));
        results.record(Tool.RESTIC, Operation.FULL_BACKUP, new Measurement(12.0, 110 * 1024, 0));
        results.record(Tool.RESTIC, Operation.INCREMENTAL, new Measurement(5.0, 100 * 1024, 0.4));
        results.record(Tool.RESTIC, Operation.RESTORE, new Measurement(3.5, 100 * 1024, 0));
        results.record(Tool.BORG, Operation.FULL_BACKUP, new Measurement(9.0, 80 * 1024, 0));
        results.repositorySize(Tool.BULWARK, 700_000_000);
        results.repositorySize(Tool.RESTIC, 800_000_000);
        results.repositorySize(Tool.BORG, 1_000_000_000);
        return results;
    }

    @Test
    void speedupIsThePeersWallOverBulwarks() {
        Results results = madeUp();

        assertThat(results.speedup(Operation.FULL_BACKUP, Tool.RESTIC)).hasValue(4.0);
        assertThat(results.speedup(Operation.FULL_BACKUP, Tool.BORG)).hasValue(3.0);
        // The dirty bitmap row is compared with the peer's incremental.
        assertThat(results.speedup(Operation.INCREMENTAL_BITMAP, Tool.RESTIC)).hasValue(10.0);
        assertThat(results.speedup(Operation.RESTORE, Tool.BORG)).isEmpty();
        assertThat(results.repositoryRatio(Tool.BORG).getAsDouble()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void judgesEachGoalOnItsMeasurement() {
        List<GoalResult> goals = Goals.evaluate(madeUp());

        assertThat(goals).extracting(GoalResult::met).containsExactly(
                true,   // full backup 4x >= 3x
                false,  // dirty bitmap 10x < 20x
                true,   // incremental 2.5x >= 1.5x
                true,   // restore 3.5x >= 3x
                false,  // 310 MiB during the dirty bitmap incremental
                true);  // 700 MB <= 1000 MB
        assertThat(goals.get(0).measured()).isEqualTo("4.00x (3.00 s against 12.00 s)");
        assertThat(goals.get(4).measured()).isEqualTo("310.0 MiB at most (incremental by dirty bitmap)");
        assertThat(goals.get(5).measured()).isEqualTo("700.0 MB against 1000.0 MB (0.70x)");
    }

    @Test
    void aGoalWithoutItsMeasurementIsMissed() {
        List<GoalResult> goals = Goals.evaluate(new Results(1 << 20));

        assertThat(goals).allSatisfy(goal -> {
            assertThat(goal.met()).isFalse();
            assertThat(goal.measured()).isEqualTo("not measured");
        });
    }
}
