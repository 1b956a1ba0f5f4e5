package io.bulwark.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.servers.ThisHost;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.ApiVersion;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A real engine checks the console's API version at login, before the password, and says what to install. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleVersionsTest {
    private EngineProcess engine;

    @BeforeAll
    void start(@TempDir Path temp) {
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private Response login(String password, Map<String, String> headers) {
        return TestApi.of(engine).post(ApiPaths.LOGIN, Map.of("username", "admin", "password", password), headers);
    }

    @Test
    void theEngineTellsItsVersionsWithoutALogin() {
        Response version = TestApi.of(engine).get(ApiPaths.VERSION);

        assertThat(version.status()).as(version.toString()).isEqualTo(200);
        assertThat(version.json().path("product").asText()).isEqualTo(ApiVersion.product()).isNotEqualTo("development");
        assertThat(version.json().path("api").asInt()).isEqualTo(ApiVersion.CURRENT);
        assertThat(version.json().path("oldestConsoleApi").asInt()).isEqualTo(ConsoleCompatibility.OLDEST_CONSOLE_API);
    }

    @Test
    void anOlderConsoleIsRefusedBeforeItsPasswordIsCheckedAndToldWhatToInstall() {
        Map<String, String> old = Map.of(ApiVersion.API_HEADER, "0", ApiVersion.CONSOLE_HEADER, "0.0.9");

        // A wrong password, many times: the answer is about the console, and no failed login is counted.
        for (int i = 0; i < 8; i++) {
            Response refused = login("not the password " + i, old);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(426);
            assertThat(refused.json().path("message").asText()).isEqualTo("This console (Bulwark 0.0.9, API 0) is "
                    + "older than the engine at " + ThisHost.hostname() + " (Bulwark " + ApiVersion.product() + ", API "
                    + ApiVersion.CURRENT + "). Install Bulwark Console " + ApiVersion.product() + " on this workstation "
                    + "(the package bulwark-console " + ApiVersion.product() + ", or the console in the engine's "
                    + "distribution folder of that release), then connect again.");
        }
        Response rightPassword = login(engine.initialAdminPassword(), old);
        assertThat(rightPassword.status()).as("the right password does not help an old console").isEqualTo(426);
        assertThat(rightPassword.body()).doesNotContain("token");

        Response script = login(engine.initialAdminPassword(), Map.of());
        assertThat(script.status()).as("a client without version headers, such as a script: " + script).isEqualTo(200);
        assertThat(script.json().path("token").asText()).isNotBlank();
    }

    @Test
    void theCurrentConsoleLogsIn() {
        Response current = login(engine.initialAdminPassword(), Map.of(ApiVersion.API_HEADER,
                String.valueOf(ApiVersion.CURRENT), ApiVersion.CONSOLE_HEADER, ApiVersion.product()));

        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        assertThat(current.json().path("token").asText()).isNotBlank();
    }

    @Test
    void aNewerConsoleIsLeftToJudgeForItself() {
        Response newer = login(engine.initialAdminPassword(), Map.of(ApiVersion.API_HEADER,
                String.valueOf(ApiVersion.CURRENT + 1), ApiVersion.CONSOLE_HEADER, "9.9.9"));

        assertThat(newer.status()).as(newer.toString()).isEqualTo(200);
    }

    @Test
    void anApiVersionThatIsNotANumberIsExplained() {
        Response garbled = login(engine.initialAdminPassword(), Map.of(ApiVersion.API_HEADER, "one"));

        assertThat(garbled.status()).as(garbled.toString()).isEqualTo(400);
        assertThat(garbled.json().path("message").asText()).contains(ApiVersion.API_HEADER, "whole number", "'one'");
    }
}
