package io.bulwark.engine.trafficrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {
    @ParameterizedTest
    @CsvSource({
            "any, any",
            "ANY, any",
            "10.0.0.5, 10.0.0.5",
            "10.0.0.1-10.0.0.50, 10.0.0.1-10.0.0.50",
            "' 10.0.0.1 - 10.0.0.50 ', 10.0.0.1-10.0.0.50",
            "10.1.2.3/16, 10.1.0.0-10.1.255.255",
            "192.168.7.0/24, 192.168.7.0-192.168.7.255",
            "0.0.0.0/0, 0.0.0.0-255.255.255.255",
            "10.0.0.9/32, 10.0.0.9",
            "fd00::/120, fd00:0:0:0:0:0:0:0-fd00:0:0:0:0:0:0:ff",
    })
    void normalisesEveryForm(String given, String normalised) {
        assertThat(IpRange.parse(given, false).normalised()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.256", "10.0.0", "example.com", "10.0.0.9-10.0.0.1", "10.0.0.0/33", "10.0.0.0/x",
            "10.0.0.1-::1", "1-2-3", ""})
    void rejectsWhatIsNotARange(String given) {
        assertThatThrownBy(() -> IpRange.parse(given, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void publicIsForTargetsOnly() {
        assertThat(IpRange.parse("public", true).normalised()).isEqualTo("public");
        assertThatThrownBy(() -> IpRange.parse("public", false)).hasMessageContaining("target range only");
    }
}
