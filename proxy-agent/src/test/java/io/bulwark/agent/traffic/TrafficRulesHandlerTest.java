package io.bulwark.agent.traffic;

import static io.bulwark.agent.traffic.TrafficPolicies.mbits;
import static io.bulwark.agent.traffic.TrafficPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlDone;
import io.bulwark.protocol.control.TrafficPolicy;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.DayOfWeek;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficRulesHandlerTest {
    private static final InetAddress PROXY = InetAddress.ofLiteral("10.0.0.5");
    private static final InetAddress REPOSITORY = InetAddress.ofLiteral("192.168.1.20");

    @TempDir
    Path config;

    @Test
    void theEnginesRulesApplyAtOnceAndAgainAfterARestart() throws Exception {
        TrafficShaper running = new TrafficShaper(Clock.systemUTC());
        TrafficRulesHandler handler = new TrafficRulesHandler(running, new TrafficPolicyFile(config));
        TrafficPolicy sent = new TrafficPolicy("Europe/Berlin", java.util.List.of(
                mbits("to the repository", "10.0.0.0/8", "192.168.0.0/16", 50),
                TrafficPolicies.throttling("nights", "any", "public", 2, ThrottleUnit.MBYTE_PER_SEC,
                        new TrafficSchedule(false, Map.of(DayOfWeek.SUNDAY, Set.of(0, 1, 23))))), 7);

        Object answer = handler.handle(ApiJson.mapper().valueToTree(sent));

        assertThat(answer).isEqualTo(new ControlDone("traffic-rules"));
        assertThat(running.limitsFor(running.current(), PROXY, REPOSITORY)).hasSize(1);
        assertThat(running.uploadStreams()).isEqualTo(7);
        Path file = config.resolve("traffic-policy.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        TrafficShaper restarted = new TrafficShaper(Clock.systemUTC());
        new TrafficPolicyFile(config).load().ifPresent(restarted::apply);

        assertThat(restarted.policy()).isEqualTo(sent);
        assertThat(restarted.uploadStreams()).isEqualTo(7);
        assertThat(restarted.limitsFor(restarted.current(), PROXY, REPOSITORY))
                .extracting(bucket -> bucket.bandwidth().bytesPerSecond()).containsExactly(6_250_000L);
    }

    @Test
    void aWrongPolicyChangesNeitherTheRulesNorTheSavedFile() throws Exception {
        TrafficShaper running = new TrafficShaper(Clock.systemUTC());
        TrafficRulesHandler handler = new TrafficRulesHandler(running, new TrafficPolicyFile(config));
        handler.handle(ApiJson.mapper().valueToTree(policy(mbits("good", "any", "any", 10))));
        byte[] saved = Files.readAllBytes(config.resolve("traffic-policy.json"));

        JsonNode wrong = ApiJson.mapper().valueToTree(policy(mbits("bad", "10.0.0.0-9.0.0.0", "any", 10)));

        assertThatThrownBy(() -> handler.handle(wrong)).hasMessageContaining("traffic rule 'bad'")
                .hasMessageContaining("must start with the lower address");
        assertThatThrownBy(() -> handler.handle(null)).hasMessageContaining("needs a body");
        assertThat(Files.readAllBytes(config.resolve("traffic-policy.json"))).isEqualTo(saved);
        assertThat(running.policy().rules()).extracting("name").containsExactly("good");
    }

    @Test
    void withoutASavedPolicyNothingIsThrottled() throws Exception {
        assertThat(new TrafficPolicyFile(config).load()).isEmpty();
        TrafficShaper fresh = TrafficShaper.unrestricted();
        assertThat(fresh.limitsFor(fresh.current(), PROXY, REPOSITORY)).isEmpty();
        assertThat(fresh.uploadStreams()).isEqualTo(5);
    }

    @Test
    void aDamagedFileSaysWhatToDo() throws Exception {
        Files.writeString(config.resolve("traffic-policy.json"), "{\"zone\":");

        assertThatThrownBy(() -> new TrafficPolicyFile(config).load()).hasMessageContaining("does not hold a traffic policy")
                .hasMessageContaining("Delete it");
    }
}
