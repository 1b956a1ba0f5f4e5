package io.bulwark.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main menu's Network Traffic Rules dialog and Add Backup Repository wizard, in a real window
 * against a real engine, through the clicks and keys an admin uses.
 */
class InfrastructureDialogsTest {
    private static EngineProcess engine;
    private static String password;

    @TempDir
    static Path temporary;
    @TempDir
    Path config;

    private RunningConsole console;
    private TestApi api;

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

    @BeforeEach
    void logIn() throws Exception {
        api = TestApi.of(engine).login("admin", password);
        console = RunningConsole.loggedIn(config, engine, password);
    }

    @AfterEach
    void closeConsole() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void addsAThrottledRuleForOfficeHoursAndShowsWhatTheEngineRefused() {
        openFromMainMenu("Network Traffic Rules…");
        console.awaitDialog("Network Traffic Rules");
        console.robot().clickOn("#traffic-rule-add");
        console.awaitDialog("New traffic rule");

        type("#rule-name", "WAN to DR site");
        type("#rule-source", "10.0.0.0/24");
        // Well-formed to the console's eye; the engine refuses a range that runs backwards.
        type("#rule-target", "192.168.50.20-192.168.50.1");
        console.robot().clickOn("#rule-throttle");
        type("#rule-throttle-value .text-field", "25");
        console.robot().push(KeyCode.TAB); // a spinner takes typed text when it loses the focus; Enter would press OK
        console.robot().clickOn("#rule-throttle-unit").clickOn("MB/s");
        console.robot().clickOn("#rule-period");
        console.robot().clickOn("#rule-hours-clear");
        console.await("OK disabled without an hour", () -> console.find("#rule-ok").orElseThrow().isDisabled());
        console.robot().drag("#hour-MONDAY-8").dropTo("#hour-MONDAY-17");
        console.robot().clickOn("#hour-TUESDAY-9");
        console.await("OK enabled", () -> !console.find("#rule-ok").orElseThrow().isDisabled());

        console.robot().clickOn("#rule-ok");
        console.await("the engine's refusal beside the target", () -> console.isShown("#rule-error-targetRange"));
        assertThat(console.text("#rule-error-targetRange")).isEqualTo("Target range: must start with the lower address");
        assertThat(console.isShown("#rule-name")).isTrue();

        type("#rule-target", "192.168.50.1-192.168.50.20");
        console.await("the refusal withdrawn", () -> !console.isShown("#rule-error-targetRange"));
        console.robot().clickOn("#rule-ok");

        console.await("the rule in the list", () -> console.cellTexts("#traffic-rules-table").contains("WAN to DR site"));
        assertThat(console.cellTexts("#traffic-rules-table")).contains("10.0.0.0-10.0.0.255",
                "192.168.50.1-192.168.50.20", "No", "25 MB/s", "Mon 08:00–18:00; Tue 09:00–10:00");

        JsonNode rule = api.get(ApiPaths.TRAFFIC_RULES).json().get(0);
        assertThat(rule.path("name").asText()).isEqualTo("WAN to DR site");
        assertThat(rule.path("throttle").path("value").asInt()).isEqualTo(25);
        assertThat(rule.path("throttle").path("unit").asText()).isEqualTo("MBYTE_PER_SEC");
        assertThat(rule.path("schedule").path("always").asBoolean()).isFalse();
        assertThat(ints(rule.path("schedule").path("activeHours").path("MONDAY")))
                .containsExactlyInAnyOrder(8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        assertThat(ints(rule.path("schedule").path("activeHours").path("TUESDAY"))).containsExactly(9);
        assertThat(rule.path("schedule").path("activeHours").has("WEDNESDAY")).isFalse();
    }

    @Test
    void changesTheUploadStreamsPerJob() {
        openFromMainMenu("Network Traffic Rules…");
        console.awaitDialog("Network Traffic Rules");
        console.await("the engine's setting", () -> !console.find("#upload-streams").orElseThrow().isDisabled());

        type("#upload-streams .text-field", "8");
        console.robot().push(KeyCode.TAB);

        console.await("8 streams on the engine",
                () -> api.get(ApiPaths.TRAFFIC_SETTINGS).json().path("uploadStreams").asInt() == 8);
    }

    @Test
    void addsAnEncryptedRepositoryOnThisServerPageByPage() {
        String name = "Offsite copies";
        String path = temporary.resolve("offsite-copies").toString();
        openFromMainMenu("Add Backup Repository…");
        console.await("the wizard's Name page", () -> console.isShown("#repository-name"));
        assertThat(wizardButton("Next").isDisabled()).isTrue();
        assertThat(console.text("#wizard-problem")).isEqualTo("Type a name for the repository.");

        type("#repository-name", name);
        next();

        console.await("This server in the list", () -> serverCell("This server") != null);
        assertThat(wizardButton("Next").isDisabled()).isTrue();
        console.robot().clickOn(serverCell("This server"));
        assertThat(serverCell("This server").getText()).contains(" free");
        next();

        type("#repository-path", "relative/folder");
        console.await("the path refused", () -> console.isShown("#error-path"));
        assertThat(console.text("#error-path")).isEqualTo("Type an absolute Linux path, starting with /.");
        assertThat(wizardButton("Next").isDisabled()).isTrue();
        type("#repository-path", path);
        console.await("the path accepted", () -> !console.isShown("#error-path"));
        next();

        type("#repository-password", "short");
        console.await("the short password refused", () -> console.isShown("#error-encryption-password"));
        type("#repository-password", "correct horse battery");
        type("#repository-confirm-password", "correct horse battery");
        type("#repository-hint", "correct horse battery");
        console.await("the hint refused", () -> console.isShown("#error-encryption-passwordHint"));
        assertThat(wizardButton("Next").isDisabled()).isTrue();
        type("#repository-hint", "in the safe, second shelf");
        next();

        console.await("the review", () -> console.isShown("#repository-review"));
        console.robot().clickOn(wizardButton("Apply"));

        console.await("the repository ready", () -> console.isShown("#repository-apply-message")
                && "The repository is ready.".equals(console.text("#repository-apply-message")));
        next();
        console.await("the summary", () -> console.isShown("#repository-summary"));
        assertThat(console.text("#repository-summary")).contains("'" + name + "' is ready at " + path);
        console.robot().clickOn(wizardButton("Finish"));
        console.await("the wizard closed", () -> !console.isShown("#repository-summary"));

        console.robot().clickOn("Backup Repositories");
        console.await("the new repository, ready", () -> console.cellTexts("#backup-repositories-table")
                .containsAll(List.of(name, path, "Ready")));
        JsonNode stored = StreamSupport.stream(api.get(ApiPaths.REPOSITORIES).json().spliterator(), false)
                .filter(repository -> name.equals(repository.path("name").asText())).findFirst().orElseThrow();
        assertThat(stored.path("encryption").path("enabled").asBoolean()).isTrue();
        assertThat(stored.path("encryption").path("passwordHint").asText()).isEqualTo("in the safe, second shelf");
        assertThat(stored.path("maxConcurrentTasks").asInt()).isEqualTo(4);
    }

    private void openFromMainMenu(String entry) {
        console.robot().clickOn("#main-menu");
        console.robot().clickOn(entry);
    }

    /** Replaces the text of an input as an admin does: select all, delete, type. */
    private void type(String query, String text) {
        console.robot().clickOn(query).push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        console.robot().write(text);
        console.await("'" + text + "' in " + query, () -> text.equals(console.input(query).getText()));
    }

    private void next() {
        Button next = wizardButton("Next");
        console.await("Next enabled", () -> !next.isDisabled());
        console.robot().clickOn(next);
    }

    /** The visible button of that text in a showing window. */
    private Button wizardButton(String text) {
        return RunningConsole.onFx(() -> console.robot().lookup(".button").<Button>queryAll().stream()
                .filter(button -> button.getText() != null && text.equals(button.getText().strip()) && button.isVisible()
                        && showing(button))
                .findFirst().orElseThrow(() -> new AssertionError("No button '" + text + "' is shown, only "
                        + console.robot().lookup(".button").<Button>queryAll().stream()
                        .filter(button -> button.isVisible() && showing(button)).map(Button::getText).toList())));
    }

    private ListCell<?> serverCell(String prefix) {
        return RunningConsole.onFx(() -> console.robot().lookup("#repository-servers").lookup(".list-cell")
                .<ListCell<?>>queryAll().stream()
                .filter(cell -> cell.getText() != null && cell.getText().startsWith(prefix) && showing(cell))
                .findFirst().orElse(null));
    }

    private static boolean showing(Node node) {
        return node.getScene() != null && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }
}
