package io.bulwark.console.trafficrules;

import atlantafx.base.theme.Styles;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * The weekday × hour grid of a rule's schedule. A click turns a cell on or off; dragging from it
 * paints every cell the pointer crosses the same way, so "weekdays 8 to 18" is one stroke per day
 * (or one diagonal sweep). Also the backup window of a job's schedule.
 */
public final class HourGrid {
    private static final double CELL = 18;
    private static final String ON = "-fx-background-color: -color-accent-emphasis; -fx-border-color: -color-bg-default;";
    private static final String OFF = "-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-muted;";

    private final GridPane grid = new GridPane();
    /** What the stroke in progress paints: on or off, as decided by the cell it started on. */
    private boolean painting;

    HourGrid(WeeklyHours hours) {
        this(hours, "rule-hours");
    }

    /** @param id the grid's node id; its cells are {@code hour-MONDAY-8} and so on */
    public HourGrid(WeeklyHours hours, String id) {
        grid.setId(id);
        grid.setHgap(1);
        grid.setVgap(1);
        for (int hour = 0; hour < WeeklyHours.HOURS; hour += 2) {
            Label label = new Label(String.valueOf(hour));
            label.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            GridPane.setHalignment(label, HPos.LEFT);
            grid.add(label, hour + 1, 0, 2, 1);
        }
        int row = 1;
        for (DayOfWeek day : DayOfWeek.values()) {
            Label name = new Label(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            name.setMinWidth(40);
            grid.add(name, 0, row);
            for (int hour = 0; hour < WeeklyHours.HOURS; hour++) {
                grid.add(cell(hours.hour(day, hour), day, hour), hour + 1, row);
            }
            row++;
        }
    }

    private Region cell(BooleanProperty active, DayOfWeek day, int hour) {
        Region cell = new Region();
        cell.setId("hour-" + day + "-" + hour);
        cell.setMinSize(CELL, CELL);
        cell.setPrefSize(CELL, CELL);
        cell.styleProperty().bind(active.map(on -> on ? ON : OFF));
        cell.setOnMousePressed(event -> {
            if (event.getButton() == MouseButton.PRIMARY && !grid.isDisabled()) {
                painting = !active.get();
                active.set(painting);
            }
        });
        cell.setOnDragDetected(event -> cell.startFullDrag());
        cell.setOnMouseDragEntered(event -> {
            if (!grid.isDisabled()) {
                active.set(painting);
            }
        });
        return cell;
    }

    public GridPane node() {
        return grid;
    }
}
