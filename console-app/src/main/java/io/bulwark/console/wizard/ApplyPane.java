package io.bulwark.console.wizard;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The body of an Apply page: the progress bar, the live log, how it ended, and Retry after a failure. */
public final class ApplyPane {
    private ApplyPane() {
    }

    /** @param idPrefix prefixes the node ids ({@code new-server} → {@code new-server-log}, {@code new-server-retry}) */
    public static Node of(String idPrefix, ApplyProgress progress, Runnable retry) {
        ProgressBar bar = new ProgressBar();
        bar.setId(idPrefix + "-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(progress.progressProperty());

        ListView<String> log = new ListView<>(progress.log());
        log.setId(idPrefix + "-log");
        log.getStyleClass().addAll(Styles.DENSE, "apply-log");
        log.setPrefHeight(240);
        // The newest line is the one to read.
        progress.log().subscribe(() -> log.scrollTo(Math.max(0, progress.log().size() - 1)));
        VBox.setVgrow(log, Priority.ALWAYS);

        Label message = new Label();
        message.setId(idPrefix + "-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(progress.messageProperty());
        progress.stateProperty().subscribe(state -> {
            message.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            if (state == ApplyState.FAILED) {
                message.getStyleClass().add(Styles.DANGER);
            } else if (state == ApplyState.SUCCEEDED) {
                message.getStyleClass().add(Styles.SUCCESS);
            }
        });

        Button again = new Button("Retry");
        again.setId(idPrefix + "-retry");
        again.setOnAction(event -> retry.run());
        again.visibleProperty().bind(Bindings.equal(ApplyState.FAILED, progress.stateProperty()));
        again.managedProperty().bind(again.visibleProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        HBox outcome = new HBox(12, message, again);

        return new VBox(10, bar, outcome, log);
    }
}
