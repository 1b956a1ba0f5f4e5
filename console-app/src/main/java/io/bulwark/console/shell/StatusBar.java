package io.bulwark.console.shell;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The status bar at the bottom of the main window. */
final class StatusBar {
    private final HBox root;
    private final Timeline countdown;

    StatusBar(StatusBarViewModel viewModel) {
        Label engine = item(viewModel.engine(), Material2AL.DNS);
        engine.setId("status-engine");
        engine.setTooltip(new Tooltip("The engine this console is connected to"));
        Label version = item(viewModel.engineVersion(), Material2AL.INFO);
        version.setId("status-engine-version");
        version.setTooltip(new Tooltip("The engine's release; its consoles and agents are of the same release"));
        Label user = item(viewModel.user(), Material2MZ.PERSON);
        user.setId("status-user");

        FontIcon connectionIcon = new FontIcon();
        connectionIcon.iconCodeProperty().bind(Bindings.createObjectBinding(
                () -> viewModel.stateProperty().get() == ConnectionState.LOST ? Material2AL.LINK_OFF : Material2AL.LINK,
                viewModel.stateProperty()));
        Label connection = new Label();
        connection.setId("connection-state");
        connection.setGraphic(connectionIcon);
        connection.textProperty().bind(viewModel.connectionTextProperty());
        Tooltip reason = new Tooltip();
        reason.textProperty().bind(viewModel.connectionDetailProperty());
        connection.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> viewModel.connectionDetailProperty().get().isEmpty() ? null : reason,
                viewModel.connectionDetailProperty()));
        viewModel.stateProperty().addListener((observable, old, state) -> {
            connection.getStyleClass().remove(Styles.DANGER);
            if (state == ConnectionState.LOST) {
                connection.getStyleClass().add(Styles.DANGER);
            }
        });

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("busy-indicator");
        progress.setPrefSize(14, 14);
        Label activity = new Label();
        activity.textProperty().bind(viewModel.activity());
        HBox work = new HBox(6, progress, activity);
        work.setAlignment(Pos.CENTER_RIGHT);
        work.visibleProperty().bind(viewModel.busy());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root = new HBox(12, engine, separator(), version, separator(), user, separator(), connection, spacer, work);
        root.getStyleClass().add("status-bar");
        root.setAlignment(Pos.CENTER_LEFT);

        countdown = new Timeline(new KeyFrame(Duration.seconds(1), event -> viewModel.tick(Instant.now())));
        countdown.setCycleCount(Animation.INDEFINITE);
        countdown.play();
    }

    Node node() {
        return root;
    }

    void stop() {
        countdown.stop();
    }

    private static Label item(String text, Ikon icon) {
        Label label = new Label(text, new FontIcon(icon));
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }
}
