package io.bulwark.console.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.FxDialogService;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.repositories.EncryptionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The New Backup Job wizard in a real window, over {@link FakeJobApi} (no engine): the Storage page's
 * Advanced… dialog with the job's own encryption password, typed as an admin types it, and what
 * Finish sends. Cancel puts the earlier values back; editing a job with a password keeps it.
 */
class AdvancedStorageDialogTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "new-backup-job-advanced.png");

    private final FxRobot robot = new FxRobot();
    private final FakeJobApi engine = new FakeJobApi();
    private final InventoryVm web = engine.vm("web", 64);
    private Stage owner;

    @BeforeEach
    void window() throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            fail("DISPLAY is not set, and this test opens real windows: run the tests under Xvfb; "
                    + "./bulwark test starts one.");
        }
        engine.vms(web);
        FxToolkit.registerPrimaryStage();
        owner = FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new StackPane(), 320, 200));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void theAdminTicksEncryptionTypesThePasswordTwiceAndFinishSendsItWithTheHint() throws Exception {
        JobWizardViewModel wizard = JobWizardViewModel.create(engine, new CurrentThreadTaskExecutor());
        open(wizard, "Web");

        DialogPane storage = toStoragePage();
        robot.clickOn("#job-advanced");
        DialogPane advanced = awaitPage("job-advanced-dialog");
        assertThat(onFx(() -> input("#job-encryption-password").isDisabled())).as("disabled until ticked").isTrue();
        robot.clickOn("#job-encryption");
        await("the password fields enabled", () -> !input("#job-encryption-password").isDisabled());
        assertThat(problemOf(advanced)).startsWith("Encryption: type the job's password");

        replaceText("#job-encryption-password", "short");
        await("the short password refused beside it", () -> shown("#error-encryption-password")
                && text("#error-encryption-password").equals("The password must have at least 8 characters."));
        replaceText("#job-encryption-password", "correct horse");
        replaceText("#job-encryption-confirm", "correct hose");
        await("the mismatch shown beside the confirmation", () -> shown("#error-encryption-confirmation")
                && text("#error-encryption-confirmation").equals("The passwords do not match."));
        assertThat(onFx(() -> shown("#error-encryption-password"))).isFalse();
        replaceText("#job-encryption-confirm", "correct horse");
        replaceText("#job-encryption-hint", "in the safe");
        await("no problem left", () -> !shown("#error-encryption-confirmation") && problemOf(advanced).isEmpty());
        screenshot(advanced.getScene().getWindow());
        clickButton(advanced, "OK");
        await("the encryption on the Storage page", () -> text("#job-advanced-shown")
                .endsWith(", encrypted with the job's own password"));

        // Cancel puts back what OK kept: the password, its confirmation, the hint and the tick.
        robot.clickOn("#job-advanced");
        DialogPane again = awaitPage("job-advanced-dialog");
        assertThat(onFx(() -> input("#job-encryption-hint").getText())).isEqualTo("in the safe");
        replaceText("#job-encryption-password", "something else");
        replaceText("#job-encryption-hint", "elsewhere");
        robot.clickOn("#job-encryption");
        clickButton(again, "Cancel");
        await("the dialog closed", () -> !shown("#job-advanced-dialog"));
        assertThat(onFx(() -> wizard.advancedValues())).satisfies(values -> {
            assertThat(values.encrypt()).isTrue();
            assertThat(values.password()).isEqualTo("correct horse");
            assertThat(values.confirmation()).isEqualTo("correct horse");
            assertThat(values.hint()).isEqualTo("in the safe");
        });

        clickButton(storage, "Next");
        DialogPane schedule = awaitPage("job-schedule-page");
        clickButton(schedule, "Next");
        DialogPane summary = awaitPage("job-summary-page");
        String labels = onFx(() -> String.join("\n", robot.from(summary).lookup(".label").<Labeled>queryAll()
                .stream().map(Labeled::getText).toList()));
        assertThat(labels).contains("With the job's own password; hint: in the safe").doesNotContain("correct horse");
        clickButton(summary, "Finish");
        await("the wizard closed", () -> !shown("#job-summary-page"));

        assertThat(engine.created).singleElement().satisfies(request -> assertThat(request.encryption())
                .isEqualTo(new EncryptionRequest(true, "correct horse", "in the safe")));
        assertThat(onFx(() -> wizard.passwordProperty().get())).isEmpty();
    }

    @Test
    void editingAJobWithAPasswordSaysUnchangedAndLeftEmptyKeepsIt() throws Exception {
        JobView sealed = engine.encrypted(engine.job("Sealed", true), "ask Ann");
        JobWizardViewModel wizard = JobWizardViewModel.edit(sealed, engine, new CurrentThreadTaskExecutor());
        open(wizard, "Sealed");

        DialogPane storage = toStoragePage();
        robot.clickOn("#job-advanced");
        DialogPane advanced = awaitPage("job-advanced-dialog");
        assertThat(onFx(() -> robot.lookup("#job-encryption").queryAs(javafx.scene.control.CheckBox.class)
                .isSelected())).isTrue();
        assertThat(onFx(() -> input("#job-encryption-password").getText())).isEmpty();
        assertThat(onFx(() -> input("#job-encryption-password").getPromptText())).isEqualTo("unchanged");
        assertThat(onFx(() -> input("#job-encryption-confirm").getPromptText())).isEqualTo("unchanged");
        assertThat(onFx(() -> input("#job-encryption-hint").getText())).isEqualTo("ask Ann");
        assertThat(problemOf(advanced)).isEmpty();
        clickButton(advanced, "OK");

        clickButton(storage, "Next");
        clickButton(awaitPage("job-schedule-page"), "Next");
        DialogPane summary = awaitPage("job-summary-page");
        clickButton(summary, "Finish");
        await("the wizard closed", () -> !shown("#job-summary-page"));

        assertThat(engine.calls).containsExactly("update Sealed enabled=true");
        assertThat(engine.created.getFirst().encryption()).isEqualTo(new EncryptionRequest(true, "", "ask Ann"));
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** Shows the wizard over the owner window, with the Name and Virtual Machines pages filled in. */
    private void open(JobWizardViewModel wizard, String name) {
        Platform.runLater(() -> {
            wizard.nameProperty().set(name);
            wizard.choose(web, "kvm01", true);
            JobWizard.show(wizard, new FxDialogService(() -> owner), job -> { });
        });
    }

    private DialogPane toStoragePage() {
        DialogPane name = awaitPage("job-name-page");
        await("Next enabled on Name", () -> enabled(name, "Next"));
        clickButton(name, "Next");
        DialogPane vms = awaitPage("job-vms-page");
        await("Next enabled on Virtual Machines", () -> enabled(vms, "Next"));
        clickButton(vms, "Next");
        DialogPane storage = awaitPage("job-storage-page");
        await("the repository chosen", () -> enabled(storage, "Next"));
        return storage;
    }

    private String problemOf(DialogPane dialog) {
        return onFx(() -> robot.from(dialog).lookup(".label").<Labeled>queryAll().stream()
                .filter(label -> label.getStyleClass().contains(atlantafx.base.theme.Styles.WARNING))
                .map(Labeled::getText).filter(text -> text != null && !text.isEmpty()).findFirst().orElse(""));
    }

    private void replaceText(String query, String text) {
        robot.clickOn(query).push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        robot.write(text);
        await("the text in " + query, () -> text.equals(input(query).getText()));
    }

    private TextInputControl input(String query) {
        return robot.lookup(query).queryAs(TextInputControl.class);
    }

    private String text(String query) {
        return robot.lookup(query).queryLabeled().getText();
    }

    /** Whether the node is on a showing window, it and every node it is in visible. */
    private boolean shown(String query) {
        Optional<Node> found = robot.lookup(query).tryQuery().filter(node -> node.getScene() != null
                && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing());
        return found.map(node -> {
            for (Node at = node; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
    }

    private DialogPane awaitPage(String id) {
        await("the page #" + id, () -> shown("#" + id));
        return onFx(() -> (DialogPane) robot.lookup("#" + id).query());
    }

    private boolean enabled(DialogPane dialog, String text) {
        return !robot.from(dialog).lookup(".button").match((Labeled button) -> text.equals(button.getText().strip()))
                .<Node>query().isDisabled();
    }

    private void clickButton(DialogPane dialog, String text) {
        robot.clickOn(onFx(() -> robot.from(dialog).lookup(".button")
                .match((Labeled button) -> text.equals(button.getText().strip())).<Node>query()));
    }

    private void await(String what, Callable<Boolean> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(onFx(condition))) {
                return;
            }
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        fail("Waited " + WAIT.toSeconds() + " s for " + what);
    }

    private static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot ask the FX thread", e);
        }
    }

    private static void screenshot(Window window) throws Exception {
        var image = onFx(() -> window.getScene().snapshot(null));
        Files.createDirectories(SCREENSHOT.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", SCREENSHOT.toFile());
    }
}
