package io.bulwark.console.jobs;

import io.bulwark.console.trafficrules.HourGrid;
import io.bulwark.console.trafficrules.WeeklyHours;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The job's backup window: the weekday × hour grid of the traffic rules, painted by click-and-drag.
 * It edits the wizard's hours in place; the schedule page checks they are not all off.
 */
public final class BackupWindowDialog extends Dialog<ButtonType> {
    public BackupWindowDialog(WeeklyHours hours) {
        setHeaderText("Backup window: the hours in which the job may run (engine's local time)");
        getDialogPane().setId("job-window-dialog");
        getDialogPane().getButtonTypes().add(ButtonType.OK);
        Button all = new Button("Allow all");
        all.setId("job-window-all");
        all.setOnAction(event -> hours.setAll(true));
        Button none = new Button("Deny all");
        none.setId("job-window-none");
        none.setOnAction(event -> hours.setAll(false));
        Label note = new Label("Coloured hours are allowed. A run still going when the window closes is stopped.");
        note.setWrapText(true);
        getDialogPane().setContent(new VBox(10, new HourGrid(hours, "job-window-hours").node(), new HBox(8, all, none),
                note));
    }
}
