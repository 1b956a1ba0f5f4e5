package io.bulwark.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeOutputTest {
    @Test
    void readsPeakRssAndCpuSeconds() {
        TimeOutput output = TimeOutput.parse("298432 3.41 0.87\n");

        assertThat(output.peakRssKib()).isEqualTo(298_432);
        assertThat(output.cpuSeconds()).isCloseTo(4.28, within(1e-9));
    }

    @Test
    void readsTheLastLineWhenTheCommandFailed() {
        assertThat(TimeOutput.parse("Command exited with non-zero status 1\n85604 0.10 0.02\n").peakRssKib())
                .isEqualTo(85_604);
    }

    @Test
    void refusesOutputWithoutTheValues() {
        assertThatThrownBy(() -> TimeOutput.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeOutput.parse("Command terminated by signal 9\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signal 9");
        assertThatThrownBy(() -> TimeOutput.parse("12 0.1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goesInFrontOfTheCommand() {
        assertThat(TimeOutput.prefix("/usr/bin/time", "/w/01.time"))
                .containsExactly("/usr/bin/time", "-f", "%M %U %S", "-o", "/w/01.time");
    }
}
