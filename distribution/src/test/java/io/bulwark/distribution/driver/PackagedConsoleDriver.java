package io.bulwark.distribution.driver;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A Java agent that drives the installed console from inside its own process: the package test
 * starts the console's launcher with {@code JAVA_TOOL_OPTIONS=-javaagent:driver.jar=ORDERS}, so the
 * console runs on the runtime and JavaFX it ships with, and this clicks through it as an admin
 * would (TestFX's robot, real key and mouse events on the Xvfb display). It writes what it saw to
 * the result file the orders name, then ends the console.
 *
 * <p>Orders (a properties file): {@code host}, {@code port}, {@code user}, {@code password-file},
 * {@code result}, {@code screenshot}.
 */
public final class PackagedConsoleDriver {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Properties orders;
    private final Properties result = new Properties();
    private FxRobot robot = new FxRobot();

    private PackagedConsoleDriver(Properties orders) {
        this.orders = orders;
    }

    public static void premain(String argument) throws IOException {
        Properties orders = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(argument))) {
            orders.load(reader);
        }
        Thread.ofPlatform().daemon().name("packaged-console-driver").start(() -> new PackagedConsoleDriver(orders).drive());
    }

    private void drive() {
        try {
            await("the connect dialog", () -> shown("#connect"));
            replaceText("#host", orders.getProperty("host"));
            replaceText("#port", orders.getProperty("port"));
            replaceText("#username", orders.getProperty("user"));
            replaceText("#password", Files.readString(Path.of(orders.getProperty("password-file"))).strip());
            robot.clickOn("#connect");

            await("the certificate prompt", () -> dialog("Trust this engine?").isPresent());
            result.setProperty("fingerprint", onFx(() -> robot.lookup("#fingerprint").queryAs(TextInputControl.class)
                    .getText()));
            DialogPane trust = dialog("Trust this engine?").orElseThrow();
            robot.clickOn(robot.from(trust).lookup(".button").match((Labeled b) -> "Trust".equals(b.getText().strip()))
                    .<Node>query());

            await("the main window", () -> shown("#navigation"));
            robot.clickOn("Backup Proxies");
            await("the engine's built-in proxy", () -> cells("#backup-proxies-table").contains("Built-in proxy"));
            result.setProperty("proxies", String.join("|", cells("#backup-proxies-table")));
            robot.clickOn("Managed Servers");
            await("the engine's own server", () -> !cells("#managed-servers-table").isEmpty());
            result.setProperty("servers", String.join("|", cells("#managed-servers-table")));
            result.setProperty("status-engine", onFx(() -> robot.lookup("#status-engine").queryLabeled().getText()));
            result.setProperty("connection-state", onFx(() -> robot.lookup("#connection-state").queryLabeled().getText()));
            result.setProperty("java.home", System.getProperty("java.home"));
            screenshot(Path.of(orders.getProperty("screenshot")));
            result.setProperty("outcome", "ok");
        } catch (Throwable e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            result.setProperty("outcome", "failed");
            result.setProperty("error", trace.toString());
            recordWhatShows();
        }
        try (Writer writer = Files.newBufferedWriter(Path.of(orders.getProperty("result")))) {
            result.store(writer, "what the driver saw in the installed console");
        } catch (IOException e) {
            e.printStackTrace();
        }
        Platform.exit();
        System.exit(0);
    }

    /** After a failure: the connect dialog's fields and error, and a picture of the window in front. */
    private void recordWhatShows() {
        try {
            for (String field : List.of("#host", "#port", "#username")) {
                result.setProperty("field" + field, onFx(() -> robot.lookup(field).queryAs(TextInputControl.class).getText()));
            }
            result.setProperty("connect-error", onFx(() -> robot.lookup("#connect-error").queryLabeled().getText()));
            WritableImage image = onFx(() -> Window.getWindows().stream().filter(Window::isShowing).reduce((a, b) -> b)
                    .orElseThrow().getScene().snapshot(null));
            write(image, Path.of(orders.getProperty("screenshot")));
        } catch (RuntimeException | IOException e) {
            result.setProperty("diagnostics-error", String.valueOf(e));
        }
    }

    private void replaceText(String query, String text) {
        robot.clickOn(query).push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        robot.write(text);
        await("the text in " + query, () -> text.equals(robot.lookup(query).queryAs(TextInputControl.class).getText()));
    }

    private boolean shown(String query) {
        return onFx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .map(window -> window.getScene().lookup(query))
                .anyMatch(node -> node != null && node.isVisible()));
    }

    private Optional<DialogPane> dialog(String header) {
        return onFx(() -> robot.lookup(".dialog-pane").<DialogPane>queryAll().stream()
                .filter(pane -> header.equals(pane.getHeaderText()) && pane.getScene().getWindow().isShowing())
                .findFirst());
    }

    private List<String> cells(String table) {
        return onFx(() -> robot.lookup(table).lookup(".table-cell").<TableCell<?, ?>>queryAll().stream()
                .map(Labeled::getText).filter(text -> text != null && !text.isEmpty()).toList());
    }

    private void screenshot(Path file) throws IOException {
        write(onFx(() -> robot.lookup("#navigation").query().getScene().snapshot(null)), file);
    }

    private static void write(WritableImage image, Path file) throws IOException {
        // javafx.swing is not in the console's runtime, so the pixels are copied by hand.
        PixelReader pixels = image.getPixelReader();
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", file.toFile());
    }

    private static void await(String what, Callable<Boolean> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception retried) {
                // the toolkit or the window is not there yet
            }
            WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Waited " + WAIT.toSeconds() + " s for " + what);
    }

    private static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot ask the FX thread", e);
        }
    }
}
