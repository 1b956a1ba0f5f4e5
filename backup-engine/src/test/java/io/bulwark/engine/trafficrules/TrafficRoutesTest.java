package io.bulwark.engine.trafficrules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.servers.ServerRequest;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficRuleRequest;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The traffic rules that apply to a server, and the global traffic settings, through a real engine's API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrafficRoutesTest {
    private EngineProcess engine;
    private TestApi admin;

    @BeforeAll
    void start(@TempDir Path temp) {
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.stop();
        }
    }

    @Test
    void aServerListsTheRulesWhoseSourceOrTargetCoversItsAddress() {
        rule("From the branch", "10.1.0.0/16", "any");
        rule("To the DR site", "any", "10.1.2.3");
        rule("Elsewhere", "192.168.0.0/16", "172.16.0.0/12");
        rule("To the cloud", "192.168.0.0/16", "public");
        String credential = id(admin.post(ApiPaths.CREDENTIALS, new CredentialRequest("branch", CredentialType.PASSWORD,
                "root", "a-password-1", null, null, null)));
        String server = id(admin.post(ApiPaths.SERVERS, new ServerRequest("branch01", "10.1.2.3", null, 22,
                UUID.fromString(credential), null, null, null)));

        Response applying = admin.get(ApiPaths.serverTrafficRules(UUID.fromString(server)));

        assertThat(applying.status()).as(applying.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        applying.json().forEach(rule -> names.add(rule.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("From the branch", "To the DR site");
    }

    @Test
    void uploadStreamsDefaultToFiveAndChangeWithinLimits() {
        assertThat(admin.get(ApiPaths.TRAFFIC_SETTINGS).json().path("uploadStreams").asInt()).isEqualTo(5);

        Response changed = admin.put(ApiPaths.TRAFFIC_SETTINGS, new TrafficSettings(8));
        Response tooMany = admin.put(ApiPaths.TRAFFIC_SETTINGS, new TrafficSettings(TrafficRoutes.MAX_UPLOAD_STREAMS + 1));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
        assertThat(tooMany.json().path("fields").path("uploadStreams").asText()).contains("32");
        assertThat(admin.get(ApiPaths.TRAFFIC_SETTINGS).json().path("uploadStreams").asInt()).isEqualTo(8);
        JsonNode audit = admin.get(ApiPaths.AUDIT).json();
        assertThat(audit.toString()).contains("traffic-settings");
    }

    private void rule(String name, String source, String target) {
        id(admin.post(ApiPaths.TRAFFIC_RULES, new TrafficRuleRequest(name, source, target, false,
                new Throttle(true, 50, ThrottleUnit.MBIT_PER_SEC), TrafficSchedule.ALWAYS)));
    }

    private static String id(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asText();
    }
}
