package io.bulwark.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.Formats;
import io.bulwark.console.connection.EngineAddress;
import io.bulwark.console.connection.PinnedCertificates;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main menu › Configuration Backup against a real engine: the sealed file saved, and the engine's record of it. */
class ConfigurationBackupTest {
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "configuration-backup.png");

    private static EngineProcess engine;
    private static String password;

    @TempDir
    static Path temporary;
    @TempDir
    Path config;
    @TempDir
    Path saveTo;

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

    @Test
    void theAdminExportsTheConfigurationOverAnOlderFileAfterBeingAskedAndSeesItListed() throws Exception {
        console = RunningConsole.loggedIn(config, engine, password);
        Path file = saveTo.resolve("configuration.bcb");
        Files.writeString(file, "an older backup");

        console.robot().clickOn("#main-menu");
        console.robot().clickOn("Configuration Backup…");
        DialogPane dialog = console.awaitDialog("Configuration Backup");
        assertThat(console.input("#config-backup-file").getText())
                .startsWith(Path.of(System.getProperty("user.home"), "bulwark-configuration-").toString())
                .endsWith(".bcb");
        assertThat(console.cellTexts("#config-backups-table")).doesNotContain("Export");
        assertThat(console.buttonEnabled(dialog, "Export")).isFalse();

        console.replaceText("#config-backup-password", "short");
        console.await("the short password refused", () -> console.isShown("#config-backup-error-password"));
        assertThat(console.text("#config-backup-error-password")).isEqualTo("The password must have at least 8 characters.");
        console.replaceText("#config-backup-password", "correct horse battery");
        console.replaceText("#config-backup-confirm", "correct horse battery");
        console.replaceText("#config-backup-hint", "the red envelope");
        console.replaceText("#config-backup-file", file.toString());
        console.await("Export enabled", () -> console.buttonEnabled(dialog, "Export"));

        console.clickDialogButton(dialog, "Export");
        DialogPane replace = console.awaitDialog("Replace configuration.bcb?");
        console.clickDialogButton(replace, "Replace");

        DialogPane saved = console.awaitDialog("Configuration backup saved");
        long size = Files.size(file);
        assertThat(saved.getContentText()).startsWith("Saved the configuration to " + file + " ("
                + Formats.bytes(size) + ").");
        console.clickDialogButton(saved, "OK");

        byte[] content = Files.readAllBytes(file);
        assertThat(new String(Arrays.copyOf(content, 8), StandardCharsets.US_ASCII)).isEqualTo("BWCONFIG");
        assertThat(content.length).isGreaterThan(1024);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(saveTo)) {
            assertThat(files).containsExactly(file);
        }
        // The passwords are gone from the dialog once the file is saved.
        assertThat(console.input("#config-backup-password").getText()).isEmpty();

        var recorded = TestApi.of(engine).login("admin", password).get(ApiPaths.CONFIGURATION_BACKUPS).json();
        assertThat(recorded).hasSize(1);
        String engineName = recorded.get(0).path("fileName").asText();
        assertThat(engineName).startsWith("bulwark-configuration-").endsWith(".bcb");
        assertThat(recorded.get(0).path("sizeBytes").asLong()).isEqualTo(size);
        console.await("the export in the list", () -> console.cellTexts("#config-backups-table").contains(engineName));
        assertThat(console.cellTexts("#config-backups-table")).contains("Export", Formats.bytes(size), "admin");
        RunningConsole.screenshot((Stage) dialog.getScene().getWindow(), SCREENSHOT);
        console.clickDialogButton(dialog, "Close");
        console.await("the dialog closed", () -> !console.isShown("#configuration-backup"));
    }

    @Test
    void anOperatorHasNoConfigurationBackupInTheMainMenu() throws Exception {
        TestApi api = TestApi.of(engine).login("admin", password);
        api.post(ApiPaths.USERS, Map.of("username", "operator", "role", "OPERATOR", "password", "operator-password-1"))
                .expect(201);
        new PinnedCertificates(config, Clock.systemUTC()).pin(new EngineAddress("127.0.0.1", engine.port()),
                engine.fingerprint());
        console = RunningConsole.start(config);
        console.logIn("127.0.0.1", engine.port(), "operator", "operator-password-1");
        console.await("the main window", () -> console.isShown("#navigation"));
        // The views load as the window opens; closing the console under them is another test's subject.
        console.await("the views loaded", () -> !console.isShown("#busy-indicator"));

        var entries = RunningConsole.onFx(() -> console.robot().lookup("#main-menu").queryAs(MenuButton.class)
                .getItems().stream().map(MenuItem::getId).toList());
        assertThat(entries).contains("menu-restore").doesNotContain("menu-configuration-backup");
    }
}
