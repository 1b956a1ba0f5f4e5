package io.bulwark.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuSampleTest {
    @Test
    void busyTimeIsAllButIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        CpuSample before = CpuSample.parse("cpu  1000 10 200 50000 300 5 6 7 0 0");
        CpuSample after = CpuSample.parse("cpu  1400 10 300 50100 900 5 6 7 0 0");

        assertThat(before.busyTicks()).isEqualTo(1000 + 10 + 200 + 5 + 6 + 7);
        assertThat(after.busySecondsSince(before)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void refusesAnotherLine() {
        assertThatThrownBy(() -> CpuSample.parse("cpu0 1 2 3 4 5 6 7 8")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void othersShareIsWhatTheMachineSpentBesidesTheProcess() {
        // 2 cores for 4 s = 8 CPU seconds; the process used 5, the machine 7: others took 2 of 8.
        assertThat(Measurement.othersShare(7, 5, 4, 2)).isCloseTo(0.25, within(1e-9));
        // Tick rounding can make the process look bigger than the machine: never below 0.
        assertThat(Measurement.othersShare(4.98, 5, 4, 2)).isZero();
    }

    @Test
    void throughputIsTheWholeDiskOverWallTime() {
        Measurement measurement = new Measurement(2.0, 300 * 1024, 0);

        assertThat(measurement.megabytesPerSecond(2_000_000_000L)).isCloseTo(1000, within(1e-9));
        assertThat(measurement.peakRssMib()).isCloseTo(300, within(1e-9));
    }
}
