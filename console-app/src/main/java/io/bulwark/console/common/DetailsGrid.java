package io.bulwark.console.common;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Labels and values in two columns: the properties view, a wizard's Review and Summary. */
public final class DetailsGrid {
    private DetailsGrid() {
    }

    public static GridPane of(List<Detail> details) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("details");
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), values);
        fill(grid, details);
        return grid;
    }

    /** Shows other details in the same grid (a page's values changed since it was built). */
    public static void fill(GridPane grid, List<Detail> details) {
        grid.getChildren().clear();
        for (int row = 0; row < details.size(); row++) {
            Label label = new Label(details.get(row).label());
            label.getStyleClass().add("details-label");
            Label value = new Label(details.get(row).value());
            value.setWrapText(true);
            grid.addRow(row, label, value);
        }
    }
}
