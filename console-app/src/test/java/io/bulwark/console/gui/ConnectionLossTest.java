package io.bulwark.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console logged in by the launcher loses its engine, stays usable, and finds it again. */
class ConnectionLossTest {
    @TempDir
    Path temporary;

    private EngineProcess engine;
    private RunningConsole console;

    @AfterEach
    void stopAll() throws Exception {
        if (console != null) {
            console.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void showsTheLossKeepsRespondingAndReconnects() throws Exception {
        RunningConsole.requireDisplay();
        Path dataDirectory = temporary.resolve("engine");
        engine = EngineProcess.start(dataDirectory, Map.of());
        int port = engine.port();
        console = RunningConsole.start(temporary.resolve("config"), "--engine", engine.baseUrl(),
                "--trust-fingerprint", engine.fingerprint(), "--user", "admin",
                "--password-file", dataDirectory.resolve("initial-admin-password").toString());
        console.await("the main window without the connect dialog", () -> console.isShown("#navigation"));
        console.robot().clickOn("Backup Proxies");
        console.await("the proxies", () -> console.cellTexts("#backup-proxies-table").contains("Built-in proxy"));
        console.robot().clickOn("Backup Repositories");
        console.await("the repositories",
                () -> console.cellTexts("#backup-repositories-table").contains("Default Backup Repository"));

        engine.stop();
        console.await("the lost connection in the status bar",
                () -> console.text("#connection-state").startsWith("Connection lost — retrying"));

        console.robot().clickOn("Backup Proxies");
        console.await("the proxies as last loaded, although the engine is gone",
                () -> console.cellTexts("#backup-proxies-table").contains("Built-in proxy"));
        assertThat(console.text("#connection-state")).startsWith("Connection lost — retrying");

        engine = EngineProcess.start(dataDirectory, Map.of(), "--port", String.valueOf(port));
        console.await("the connection back", () -> console.text("#connection-state").equals("Reconnected"));
        console.robot().clickOn("Backup Repositories");

        TestApi api = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        String serverId = api.get(ApiPaths.SERVERS).json().get(0).path("id").asText();
        api.post(ApiPaths.REPOSITORIES, Map.of("name", "After the restart", "serverId", serverId,
                "path", temporary.resolve("after-restart").toString()));
        console.await("live refresh after the reconnect",
                () -> console.cellTexts("#backup-repositories-table").contains("After the restart"));
    }
}
