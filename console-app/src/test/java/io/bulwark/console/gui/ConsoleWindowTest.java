package io.bulwark.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.connection.EngineAddress;
import io.bulwark.console.connection.PinnedCertificates;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console in a real window against a real engine, used the way an admin uses it. */
class ConsoleWindowTest {
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "main-window.png");

    private static EngineProcess engine;
    private static String password;

    @TempDir
    static Path temporary;
    @TempDir
    Path config;

    private RunningConsole console;

    @BeforeAll
    static void startEngine() {
        RunningConsole.requireDisplay();
        engine = EngineProcess.start(temporary.resolve("engine"), Map.of());
        password = engine.initialAdminPassword();
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void closeConsole() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    private void pin(String fingerprint) {
        new PinnedCertificates(config, Clock.systemUTC()).pin(new EngineAddress("127.0.0.1", engine.port()), fingerprint);
    }

    private void logInAsAdmin() throws Exception {
        console = RunningConsole.loggedIn(config, engine, password);
    }

    @Test
    void connectsTrustsTheEngineAndShowsTheBuiltInProxy() throws Exception {
        console = RunningConsole.start(config);
        console.logIn("127.0.0.1", engine.port(), "admin", password);

        DialogPane trust = console.awaitDialog("Trust this engine?");
        assertThat(console.input("#fingerprint").getText()).isEqualTo(engine.fingerprint());
        console.clickDialogButton(trust, "Trust");

        console.await("the main window", () -> console.isShown("#navigation"));
        console.robot().clickOn("Backup Proxies");
        console.await("the built-in proxy in Backup Proxies",
                () -> console.cellTexts("#backup-proxies-table").contains("Built-in proxy"));
        assertThat(console.cellTexts("#backup-proxies-table"))
                .contains("Built-in proxy", "This server", "Automatic selection", "2", "Yes", "Created with the backup server");
        assertThat(console.text("#status-user")).isEqualTo("admin (Administrator)");
        assertThat(console.text("#status-engine")).endsWith("(127.0.0.1:" + engine.port() + ")");
        assertThat(console.text("#status-engine-version")).isEqualTo("Bulwark " + io.bulwark.protocol.ApiVersion.product());
        assertThat(console.text("#connection-state")).isEqualTo("Connected");

        assertThat(Files.readString(config.resolve("known-engines.json")))
                .contains("\"127.0.0.1:" + engine.port() + "\"", engine.fingerprint());
        assertThat(Files.readString(config.resolve("profiles.json")))
                .contains("admin@127.0.0.1:" + engine.port())
                .doesNotContain(password);

        console.robot().clickOn("Built-in proxy");
        console.await("the row selected", () -> !console.robot().lookup("#ribbon-properties").queryButton().isDisabled());
        RunningConsole.screenshot((Stage) console.find("#navigation").orElseThrow().getScene().getWindow(), SCREENSHOT);
    }

    @Test
    void aChangedCertificateIsRefusedAndNamedWithBothFingerprints() throws Exception {
        String pinned = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
        pin(pinned);
        console = RunningConsole.start(config);
        console.logIn("127.0.0.1", engine.port(), "admin", password);

        DialogPane refusal = console.awaitDialog("The engine's certificate has changed");
        assertThat(refusal.getContentText()).contains("has CHANGED", pinned, engine.fingerprint(),
                "openssl x509 -in DATA_DIR/tls/engine.crt -noout -fingerprint -sha256");
        console.clickDialogButton(refusal, "OK");

        assertThat(console.text("#connect-error"))
                .isEqualTo("Refused: the certificate of the engine at 127.0.0.1:" + engine.port() + " has changed.");
        assertThat(console.isShown("#navigation")).isFalse();
        assertThat(console.isShown("#forget-certificate")).isTrue();
    }

    @Test
    void aWrongPasswordIsSaidAndTheDialogStays() throws Exception {
        pin(engine.fingerprint());
        console = RunningConsole.start(config);
        console.logIn("127.0.0.1", engine.port(), "admin", "not the password");

        console.await("the engine's answer", () -> console.isShown("#connect-error"));
        assertThat(console.text("#connect-error")).isEqualTo("Wrong user name or password.");
        assertThat(console.isShown("#connect")).isTrue();
        assertThat(console.isShown("#navigation")).isFalse();
    }

    /** Quotes, SQL, Unicode and an emoji: a name the console must show exactly as it was given. */
    private static final String HOSTILE_NAME = "Offsite copies'); DROP TABLE jobs;-- \"née\" 名前 🚀";

    @Test
    void aNewRepositoryAppearsWithoutAClickAndItsNameVerbatim() throws Exception {
        logInAsAdmin();
        console.robot().clickOn("Backup Repositories");
        console.await("the default repository",
                () -> console.cellTexts("#backup-repositories-table").contains("Default Backup Repository"));

        TestApi api = TestApi.of(engine).login("admin", password);
        String serverId = api.get(ApiPaths.SERVERS).json().get(0).path("id").asText();
        assertThat(api.post(ApiPaths.REPOSITORIES, Map.of("name", HOSTILE_NAME, "serverId", serverId,
                "path", temporary.resolve("offsite").toString())).status()).isEqualTo(201);

        console.await("the new repository in the table",
                () -> console.cellTexts("#backup-repositories-table").contains(HOSTILE_NAME));
    }

    @Test
    void removingTheBuiltInProxyShowsTheEnginesReason() throws Exception {
        logInAsAdmin();
        console.robot().clickOn("Backup Proxies");
        console.await("the built-in proxy", () -> console.cellTexts("#backup-proxies-table").contains("Built-in proxy"));
        console.robot().clickOn("Built-in proxy");
        console.robot().clickOn("#ribbon-remove");

        console.clickDialogButton(console.awaitDialog("Remove the backup proxy 'Built-in proxy'?"), "Remove");

        DialogPane error = console.awaitDialog("Cannot remove the backup proxy 'Built-in proxy'");
        assertThat(error.getContentText()).isEqualTo("'Built-in proxy' is the built-in proxy of the backup server and "
                + "cannot be removed. Set its max concurrent tasks lower to use it less.");
        console.clickDialogButton(error, "OK");
        assertThat(console.cellTexts("#backup-proxies-table")).contains("Built-in proxy");
    }

    @Test
    void aViewerIsToldWhatTheRoleForbidsAndIsSentBackWhenTheSessionEnds() throws Exception {
        TestApi api = TestApi.of(engine).login("admin", password);
        String viewerPassword = "viewer-password-123";
        String viewerId = api.post(ApiPaths.USERS, Map.of("username", "viewer", "role", "VIEWER",
                "password", viewerPassword)).json().path("id").asText();
        pin(engine.fingerprint());
        console = RunningConsole.start(config);
        console.logIn("127.0.0.1", engine.port(), "viewer", viewerPassword);
        console.await("the main window", () -> console.isShown("#navigation"));
        assertThat(console.text("#status-user")).isEqualTo("viewer (Viewer)");

        console.robot().clickOn("Backup Repositories");
        console.await("the default repository",
                () -> console.cellTexts("#backup-repositories-table").contains("Default Backup Repository"));
        console.robot().clickOn("Default Backup Repository");
        console.robot().clickOn("#ribbon-remove");
        console.clickDialogButton(console.awaitDialog("Remove the backup repository 'Default Backup Repository'?"),
                "Remove");
        DialogPane forbidden = console.awaitDialog("Cannot remove the backup repository 'Default Backup Repository'");
        assertThat(forbidden.getContentText()).startsWith("Your role, VIEWER, may not").endsWith("Ask an Administrator.");
        console.clickDialogButton(forbidden, "OK");

        // A changed role ends the user's sessions on the engine.
        assertThat(api.put(ApiPaths.USERS + "/" + viewerId, Map.of("username", "viewer", "role", "OPERATOR")).status())
                .isEqualTo(200);
        console.robot().clickOn("#ribbon-refresh");

        console.await("the connect dialog", () -> console.isShown("#connect") && !console.isShown("#navigation"));
        assertThat(console.text("#connect-error")).isEqualTo("Your session has expired or was ended. Log in again.");
    }
}
