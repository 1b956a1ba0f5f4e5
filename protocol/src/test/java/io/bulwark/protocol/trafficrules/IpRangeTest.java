package io.bulwark.protocol.trafficrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
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

    @ParameterizedTest
    @CsvSource({
            "any, 10.0.0.5, true",
            "any, ::1, true",
            "10.0.0.5, 10.0.0.5, true",
            "10.0.0.5, 10.0.0.6, false",
            "10.0.0.1-10.0.0.50, 10.0.0.1, true",
            "10.0.0.1-10.0.0.50, 10.0.0.50, true",
            "10.0.0.1-10.0.0.50, 10.0.0.51, false",
            "10.0.0.1-10.0.0.50, 10.0.0.0, false",
            "127.0.0.0/8, 127.0.0.1, true",
            "127.0.0.0/8, 128.0.0.1, false",
            "10.0.0.0/8, 127.0.0.1, false",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "fd00::/120, fd00::ff, true",
            "fd00::/120, fd00::100, false",
            "fd00::/8, 10.0.0.1, false",
            "0.0.0.0/0, ::1, false",
    })
    void matchesTheAddressesItCovers(String range, String address, boolean matches) {
        assertThat(IpRange.parse(range, false).matches(InetAddress.ofLiteral(address))).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1", "169.254.1.1",
            "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250", "0.0.0.0", "255.255.255.255",
            "fd12:3456::1", "fc00::1", "::1", "fe80::1", "ff02::1", "::", "::ffff:192.168.1.1"})
    void publicLeavesOutPrivateLoopbackLinkLocalCgnatMulticastAndUnspecified(String address) {
        assertThat(IpRange.parse("public", true).matches(InetAddress.ofLiteral(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.63.255.255", "100.128.0.0",
            "192.169.0.1", "2001:4860:4860::8888", "2a00:1450::1", "::ffff:8.8.4.4"})
    void publicTakesEveryOtherAddress(String address) {
        assertThat(IpRange.parse("public", true).matches(InetAddress.ofLiteral(address))).as(address).isTrue();
    }
}
