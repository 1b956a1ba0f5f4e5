package io.bulwark.engine.servers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostAddressesTest {
    @ParameterizedTest
    @ValueSource(strings = {"backup01", "backup01.lab.example.com", "10.0.0.5", "::1", "fe80::1", "a-b.c", "x."})
    void acceptsNamesAndAddresses(String address) {
        assertThat(HostAddresses.valid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-bad.example", "bad-.example", "under_score", "10.0.0.256", "1.2.3", "spa ce",
            "host;rm -rf /", "a..b", "::g"})
    void rejectsEverythingElse(String address) {
        assertThat(HostAddresses.valid(address)).isFalse();
    }
}
