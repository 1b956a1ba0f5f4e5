package io.bulwark.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A simulated night, checked for what must hold whatever the figures: the speed is the benchmark's. */
class SchedulerSimulationTest {
    private final SchedulerSimulation.Scenario night = SchedulerSimulation.generate(7, 6, 120, 4);

    @Test
    void everyDiskIsBackedUpOnceAndNoProxyRunsMoreThanItsSlots() {
        SchedulerSimulation.Result result = SchedulerSimulation.run(night, -1);

        assertThat(result.completed()).isEqualTo(night.disks().size());
        assertThat(result.assignments()).isEqualTo(night.disks().size());
        assertThat(result.maxOverSlots()).isLessThanOrEqualTo(0);
        assertThat(result.makespanSeconds()).as("no schedule beats the lower bounds")
                .isGreaterThanOrEqualTo(night.reachBoundSeconds() * 0.999999);
        assertThat(night.reachBoundSeconds()).isGreaterThanOrEqualTo(night.lowerBoundSeconds() * 0.999999);
    }

    @Test
    void aProxyLostMidNightHasItsTasksDoneElsewhere() {
        double makespan = SchedulerSimulation.run(night, -1).makespanSeconds();

        SchedulerSimulation.Result result = SchedulerSimulation.run(night, makespan / 10);

        assertThat(result.requeued()).as("the lost proxy was busy").isPositive();
        assertThat(result.completed()).isEqualTo(night.disks().size());
        assertThat(result.assignments()).isEqualTo(night.disks().size() + result.requeued());
        assertThat(result.maxOverSlots()).isLessThanOrEqualTo(0);
    }

    @Test
    void theSameNightIsScheduledTheSameWay() {
        assertThat(SchedulerSimulation.run(night, -1).makespanSeconds())
                .isEqualTo(SchedulerSimulation.run(night, -1).makespanSeconds());
    }
}
