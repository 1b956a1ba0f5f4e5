package io.bulwark.agent.traffic;

import static io.bulwark.agent.traffic.TrafficPolicies.mbits;
import static io.bulwark.agent.traffic.TrafficPolicies.policy;
import static io.bulwark.agent.traffic.TrafficPolicies.throttling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class TrafficShaperTest {
    private static final InetAddress PROXY = InetAddress.ofLiteral("10.0.0.5");
    private static final InetAddress REPOSITORY = InetAddress.ofLiteral("192.168.1.20");

    @ParameterizedTest
    @CsvSource({
            "MBIT_PER_SEC, 50, 6250000",
            "MBIT_PER_SEC, 1, 125000",
            "MBYTE_PER_SEC, 1, 1000000",
            "MBYTE_PER_SEC, 3, 3000000",
            "KBYTE_PER_SEC, 1, 1000",
            "KBYTE_PER_SEC, 512, 512000",
    })
    void throttlesAreDecimalSiUnits(ThrottleUnit unit, int value, long bytesPerSecond) {
        assertThat(Bandwidth.of(new Throttle(true, value, unit)).bytesPerSecond()).isEqualTo(bytesPerSecond);
    }

    @Test
    void theLowestOfSeveralMatchingLimitsComesFirstAndEveryOneIsDrawnFrom() {
        TrafficShaper shaper = new TrafficShaper(Clock.systemUTC());
        shaper.apply(policy(mbits("wide", "10.0.0.0/8", "any", 100), mbits("narrow", "any", "192.168.1.20", 20),
                mbits("elsewhere", "172.16.0.0/12", "any", 1)));

        List<TokenBucket> limits = shaper.limitsFor(shaper.current(), PROXY, REPOSITORY);

        assertThat(limits).extracting(bucket -> bucket.bandwidth().bytesPerSecond()).containsExactly(2_500_000L, 12_500_000L);
    }

    @Test
    void theLowestLimitHoldsTheConnection() throws IOException {
        TrafficShaper shaper = new TrafficShaper(Clock.systemUTC());
        shaper.apply(policy(mbits("wide", "10.0.0.0/8", "any", 800), mbits("narrow", "any", "192.168.1.20", 8)));
        OutputStream out = shaper.shape(OutputStream.nullOutputStream(), PROXY, REPOSITORY);

        long started = System.nanoTime();
        out.write(new byte[1_050_000]);
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(Locale.ROOT, "1.05 MB under 8 and 800 Mbit/s rules took %.3f s (1 s at 8 Mbit/s after one burst)%n",
                seconds);
        // At the 800 Mbit/s rule it would take 10 ms.
        assertThat(seconds).isBetween(0.9, 1.3);
    }

    @Test
    void aRuleGovernsTheBytesItsSourceSendsToItsTargetNotTheOtherWay() {
        TrafficShaper shaper = new TrafficShaper(Clock.systemUTC());
        shaper.apply(policy(mbits("to the repository", "10.0.0.0/8", "192.168.0.0/16", 10)));

        assertThat(shaper.limitsFor(shaper.current(), PROXY, REPOSITORY)).hasSize(1);
        assertThat(shaper.limitsFor(shaper.current(), REPOSITORY, PROXY)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "8.8.8.8, true",
            "2001:4860:4860::8888, true",
            "192.168.1.20, false",
            "100.64.0.9, false",
            "127.0.0.1, false",
            "fe80::1, false",
    })
    void aPublicTargetCoversPublicAddressesOnly(String receiver, boolean throttled) {
        TrafficShaper shaper = new TrafficShaper(Clock.systemUTC());
        shaper.apply(policy(mbits("internet", "any", "public", 10)));

        assertThat(shaper.limitsFor(shaper.current(), PROXY, InetAddress.ofLiteral(receiver))).hasSize(throttled ? 1 : 0);
    }

    /** Working hours, Monday to Friday 8:00–17:59, and Saturday midnight to 1:00, in Berlin. */
    @ParameterizedTest
    @CsvSource({
            "2025-01-06T07:30:00Z, true",   // Monday 8:30 in Berlin (UTC+1 in winter)
            "2025-01-06T06:59:59Z, false",  // Monday 7:59:59
            "2025-01-06T16:59:59Z, true",   // Monday 17:59:59
            "2025-01-06T17:00:00Z, false",  // Monday 18:00
            "2025-01-10T12:00:00Z, true",   // Friday 13:00
            "2025-01-11T12:00:00Z, false",  // Saturday 13:00
            "2025-01-10T23:30:00Z, true",   // Saturday 0:30 in Berlin, still Friday in UTC
            "2025-01-12T10:00:00Z, false",  // Sunday
            "2025-07-07T06:30:00Z, true",   // Monday 8:30 in summer (UTC+2)
            "2025-07-07T05:30:00Z, false",  // Monday 7:30 in summer, 8:30 in winter time
    })
    void aScheduleAppliesInItsHoursOfTheWeekInThePolicysZone(String instant, boolean throttled) {
        Set<Integer> workingHours = Set.of(8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        TrafficSchedule schedule = new TrafficSchedule(false, Map.of(DayOfWeek.MONDAY, workingHours,
                DayOfWeek.TUESDAY, workingHours, DayOfWeek.WEDNESDAY, workingHours, DayOfWeek.THURSDAY, workingHours,
                DayOfWeek.FRIDAY, workingHours, DayOfWeek.SATURDAY, Set.of(0)));
        TrafficShaper shaper = new TrafficShaper(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
        shaper.apply(policy("Europe/Berlin",
                throttling("office hours", "any", "any", 10, ThrottleUnit.MBIT_PER_SEC, schedule)));

        assertThat(shaper.limitsFor(shaper.current(), PROXY, REPOSITORY)).hasSize(throttled ? 1 : 0);
    }

    @Test
    void aRuleThatDoesNotThrottleLimitsNothing() {
        TrafficShaper shaper = new TrafficShaper(Clock.systemUTC());
        var encryptOnly = new io.bulwark.protocol.trafficrules.TrafficRuleView(java.util.UUID.randomUUID(), "encrypt",
                "any", "any", true, Throttle.OFF, TrafficSchedule.ALWAYS, TrafficPolicies.SAVED, TrafficPolicies.SAVED);
        shaper.apply(policy(encryptOnly));

        assertThat(shaper.limitsFor(shaper.current(), PROXY, REPOSITORY)).isEmpty();
    }

    @Test
    void aRuleWhoseThrottleDidNotChangeKeepsItsBucketSoItsConnectionsGoOnSharingIt() {
        TrafficShaper shaper = new TrafficShaper(Clock.systemUTC());
        shaper.apply(policy(mbits("a", "any", "any", 10), mbits("b", "any", "192.168.0.0/16", 20)));
        List<TokenBucket> before = shaper.limitsFor(shaper.current(), PROXY, REPOSITORY);

        shaper.apply(policy(mbits("a", "any", "any", 10), mbits("b", "any", "192.168.0.0/16", 5)));
        List<TokenBucket> after = shaper.limitsFor(shaper.current(), PROXY, REPOSITORY);

        assertThat(after.get(1)).as("rule a, unchanged").isSameAs(before.getFirst());
        assertThat(after.getFirst().bandwidth().bytesPerSecond()).as("rule b, lowered").isEqualTo(625_000L);
    }

    @Test
    void aPolicyThatIsWrongIsRefusedWithReasonsAndTheRulesInForceStay() {
        TrafficShaper shaper = new TrafficShaper(Clock.systemUTC());
        shaper.apply(policy(mbits("kept", "any", "any", 10)));

        assertThatThrownBy(() -> shaper.apply(policy(mbits("broken", "10.0.0.0/33", "any", 10))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("traffic rule 'broken'")
                .hasMessageContaining("prefix length from 0 to 32");
        assertThatThrownBy(() -> shaper.apply(policy(mbits("public source", "public", "any", 10))))
                .hasMessageContaining("target range only");
        assertThatThrownBy(() -> shaper.apply(policy("Mars/Olympus", mbits("x", "any", "any", 10))))
                .hasMessageContaining("'Mars/Olympus' is not a time zone");
        assertThatThrownBy(() -> shaper.apply(policy(throttling("no unit", "any", "any", 10, null, TrafficSchedule.ALWAYS))))
                .hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> shaper.apply(policy(throttling("late", "any", "any", 10, ThrottleUnit.MBIT_PER_SEC,
                new TrafficSchedule(false, Map.of(DayOfWeek.MONDAY, Set.of(24)))))))
                .hasMessageContaining("hour 24 on MONDAY");

        assertThat(shaper.policy().rules()).extracting("name").containsExactly("kept");
    }

    @Test
    void aRuleChangeReachesAConnectionThatIsWaitingForBandwidthWithinASecond() throws Exception {
        TrafficShaper shaper = new TrafficShaper(Clock.systemUTC());
        // 1 KB/s: a sender waits 16 s for each TLS record's worth.
        shaper.apply(policy(throttling("trickle", "any", "any", 1, ThrottleUnit.KBYTE_PER_SEC, TrafficSchedule.ALWAYS)));
        AtomicLong written = new AtomicLong();
        OutputStream out = shaper.shape(new OutputStream() {
            @Override
            public void write(int b) {
                written.incrementAndGet();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                written.addAndGet(length);
            }
        }, PROXY, REPOSITORY);
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                out.write(new byte[10_000_000]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(300);
        assertThat(written.get()).as("held to 1 KB/s").isLessThanOrEqualTo(32 * 1024);

        long lifted = System.nanoTime();
        shaper.apply(policy());
        sender.join(5000);

        double seconds = (System.nanoTime() - lifted) / 1e9;
        System.out.printf(Locale.ROOT, "10 MB waiting at 1 KB/s went out %.3f s after the rule was lifted%n", seconds);
        assertThat(sender.isAlive()).isFalse();
        assertThat(written.get()).isEqualTo(10_000_000);
        assertThat(seconds).isLessThan(1.0);
    }
}
