package io.bulwark.console.gui;

import static org.assertj.core.api.Assertions.fail;

import io.bulwark.console.BulwarkConsole;
import io.bulwark.console.connection.EngineAddress;
import io.bulwark.console.connection.PinnedCertificates;
import io.bulwark.engine.testing.EngineProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console in a real window, started as the launcher starts it, and driven through the clicks
 * and keys an admin uses. Every wait is bounded.
 */
final class RunningConsole implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final FxRobot robot = new FxRobot();
    private final Application application;

    private RunningConsole(Application application) {
        this.application = application;
    }

    /** A console that trusts {@code engine} already, logged in as the admin, its main window shown. */
    static RunningConsole loggedIn(Path configDirectory, EngineProcess engine, String password) throws Exception {
        new PinnedCertificates(configDirectory, Clock.systemUTC()).pin(new EngineAddress("127.0.0.1", engine.port()),
                engine.fingerprint());
        RunningConsole console = start(configDirectory);
        console.logIn("127.0.0.1", engine.port(), "admin", password);
        console.await("the main window", () -> console.isShown("#navigation"));
        return console;
    }

    static RunningConsole start(Path configDirectory, String... arguments) throws Exception {
        requireDisplay();
        FxToolkit.registerPrimaryStage();
        List<String> all = new ArrayList<>(List.of("--config-dir", configDirectory.toString()));
        all.addAll(List.of(arguments));
        return new RunningConsole(FxToolkit.setupApplication(BulwarkConsole.class, all.toArray(String[]::new)));
    }

    /** These tests open windows; without a display they must fail, not pass by skipping. */
    static void requireDisplay() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            fail("DISPLAY is not set, and the console tests open real windows: run the tests under Xvfb; "
                    + "./bulwark test starts one.");
        }
    }

    FxRobot robot() {
        return robot;
    }

    /** Fills in the connect dialog and clicks Connect. */
    void logIn(String host, int port, String username, String password) {
        replaceText("#host", host);
        replaceText("#port", String.valueOf(port));
        replaceText("#username", username);
        replaceText("#password", password);
        robot.clickOn("#connect");
    }

    /** Replaces the text of a field the way an admin does: select all, delete, type. */
    void replaceText(String query, String text) {
        robot.clickOn(query).push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        robot.write(text);
        await("the text '" + text + "' in " + query, () -> text.equals(input(query).getText()));
    }

    TextInputControl input(String query) {
        return robot.lookup(query).queryAs(TextInputControl.class);
    }

    Optional<Node> find(String query) {
        return onFx(() -> robot.lookup(query).tryQuery().filter(node -> node.getScene() != null
                && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing()));
    }

    /** Whether the node is on screen: it and every node it is in are visible. */
    boolean isShown(String query) {
        return onFx(() -> find(query).map(node -> {
            for (Node at = node; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false));
    }

    String text(String query) {
        return onFx(() -> robot.lookup(query).queryLabeled().getText());
    }

    /** The texts of the cells a table shows (rows on screen, not rows in its model). */
    List<String> cellTexts(String tableQuery) {
        return onFx(() -> robot.lookup(tableQuery).lookup(".table-cell").<TableCell<?, ?>>queryAll().stream()
                .map(Labeled::getText).filter(text -> text != null && !text.isEmpty()).toList());
    }

    /** The dialog in front, once it shows the given header. */
    DialogPane awaitDialog(String header) {
        await("a dialog '" + header + "'", () -> dialog(header).isPresent());
        return dialog(header).orElseThrow();
    }

    private Optional<DialogPane> dialog(String header) {
        return onFx(() -> robot.lookup(".dialog-pane").<DialogPane>queryAll().stream()
                .filter(pane -> header.equals(pane.getHeaderText()) && pane.getScene().getWindow().isShowing())
                .findFirst());
    }

    /** The wizard page (or dialog) with this id, once it shows. */
    DialogPane awaitPage(String id) {
        await("the page #" + id, () -> isShown("#" + id));
        return (DialogPane) find("#" + id).orElseThrow();
    }

    /** Whether a button of the dialog, found by its text, is enabled. */
    boolean buttonEnabled(DialogPane dialog, String text) {
        return onFx(() -> !robot.from(dialog).lookup(".button").match((Labeled button) -> text.equals(button.getText().strip()))
                .<Node>query().isDisabled());
    }

    /** Clicks a button of the dialog in front, by its text. */
    void clickDialogButton(DialogPane dialog, String text) {
        var buttons = robot.from(dialog).lookup(".button").match((Labeled button) -> text.equals(button.getText().strip()));
        if (onFx(() -> buttons.tryQuery().isEmpty())) {
            fail("No button '" + text + "' on " + dialog.getId() + "; it has " + onFx(() -> robot.from(dialog)
                    .lookup(".button").<Labeled>queryAll().stream().map(Labeled::getText).toList()));
        }
        robot.clickOn(buttons.<Node>query());
    }

    void await(String what, Callable<Boolean> condition) {
        await(what, WAIT, condition);
    }

    /** For what takes longer than a click's answer: a deployment to a host. Still bounded. */
    void await(String what, Duration wait, Callable<Boolean> condition) {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(onFx(condition))) {
                return;
            }
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        fail("Waited " + wait.toSeconds() + " s for " + what);
    }

    static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot ask the FX thread", e);
        }
    }

    /** Saves what the stage shows, as a PNG. */
    static void screenshot(Stage stage, Path file) throws Exception {
        var image = onFx(() -> stage.getScene().snapshot(null));
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    @Override
    public void close() throws TimeoutException {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }
}
