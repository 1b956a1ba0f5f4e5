package io.bulwark.console.common;

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
}
