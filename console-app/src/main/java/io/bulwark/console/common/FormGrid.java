package io.bulwark.console.common;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** The two-column form every wizard page and editor dialog lays its fields out in: labels, then inputs that grow. */
public final class FormGrid {
    private FormGrid() {
    }

    public static GridPane of(double labelWidth) {
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(labelWidth);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, inputs);
        return form;
    }

    /** The message under a field: shown, in the danger colour, only while {@code problem} has one. */
    public static Label fieldError(StringBinding problem) {
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(problem);
        error.visibleProperty().bind(problem.isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }
}
