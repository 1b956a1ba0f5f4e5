package io.bulwark.console.jobs;

import io.bulwark.console.common.FormGrid;
import io.bulwark.protocol.jobs.Compression;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.ScheduleKind;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The storage page's Advanced…: compression, storage optimisation (block size), the backup files
 * health check and the job's own encryption password. It edits the wizard's values; Cancel puts the
 * earlier ones back (the caller does).
 */
public final class AdvancedStorageDialog extends Dialog<ButtonType> {
    /** The notes under the fields wrap at this width, which sets the dialog's. */
    private static final double NOTE_WIDTH = 440;

    public AdvancedStorageDialog(JobWizardViewModel viewModel) {
        setHeaderText("Advanced storage settings");
        getDialogPane().setId("job-advanced-dialog");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);

        ComboBox<Compression> compression = new ComboBox<>();
        compression.setId("job-compression");
        compression.getItems().setAll(Compression.values());
        compression.valueProperty().bindBidirectional(viewModel.compressionProperty());
        compression.setConverter(JobWizard.converter(AdvancedStorage::compression));
        ComboBox<Integer> blockSize = new ComboBox<>();
        blockSize.setId("job-block-size");
        blockSize.getItems().setAll(JobStorage.BLOCK_SIZES);
        blockSize.valueProperty().bindBidirectional(viewModel.blockSizeProperty());
        blockSize.setConverter(JobWizard.converter(AdvancedStorage::blockSize));

        CheckBox health = new CheckBox("Perform backup files health check");
        health.setTooltip(new javafx.scene.control.Tooltip("Reads back every block the job's restore points need and "
                + "verifies it; a damaged point is a warning that asks for an active full."));
        health.setId("job-health-check");
        health.selectedProperty().bindBidirectional(viewModel.healthCheckProperty());
        ToggleGroup kinds = new ToggleGroup();
        RadioButton monthly = new RadioButton("Monthly on day");
        monthly.setId("job-health-monthly");
        monthly.setToggleGroup(kinds);
        RadioButton weekly = new RadioButton("Weekly on");
        weekly.setId("job-health-weekly");
        weekly.setToggleGroup(kinds);
        (viewModel.healthCheckKindProperty().get() == ScheduleKind.DAILY ? weekly : monthly).setSelected(true);
        monthly.selectedProperty().subscribe(on -> viewModel.healthCheckKindProperty().set(on ? ScheduleKind.MONTHLY
                : ScheduleKind.DAILY));
        TextField day = new TextField();
        day.setId("job-health-day");
        day.setPrefColumnCount(3);
        day.textProperty().bindBidirectional(viewModel.healthCheckDayOfMonthProperty());
        ComboBox<DayOfWeek> weekday = new ComboBox<>();
        weekday.setId("job-health-weekday");
        weekday.getItems().setAll(DayOfWeek.values());
        weekday.valueProperty().bindBidirectional(viewModel.healthCheckWeekdayProperty());
        weekday.setConverter(JobWizard.converter(value -> value.getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
        TextField time = new TextField();
        time.setId("job-health-time");
        time.setPrefColumnCount(5);
        time.textProperty().bindBidirectional(viewModel.healthCheckTimeProperty());
        VBox when = new VBox(6, JobWizard.row(monthly, day), JobWizard.row(weekly, weekday),
                JobWizard.row(new Label("at"), time));
        when.disableProperty().bind(viewModel.healthCheckProperty().not());

        // Like Veeam's "Enable backup file encryption": a password of the job's own, over the repository's.
        CheckBox encrypt = new CheckBox("Encrypt backup files with a password of this job's own");
        encrypt.setId("job-encryption");
        encrypt.selectedProperty().bindBidirectional(viewModel.encryptProperty());
        PasswordField password = new PasswordField();
        password.setId("job-encryption-password");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        PasswordField confirmation = new PasswordField();
        confirmation.setId("job-encryption-confirm");
        confirmation.textProperty().bindBidirectional(viewModel.confirmationProperty());
        if (viewModel.passwordStored()) {
            // The engine never sends the password back: empty fields keep the one it has.
            password.setPromptText("unchanged");
            confirmation.setPromptText("unchanged");
        }
        TextField hint = new TextField();
        hint.setId("job-encryption-hint");
        hint.setPromptText("Where the password is kept, never the password itself");
        hint.textProperty().bindBidirectional(viewModel.hintProperty());
        for (TextInputControl input : List.of(password, confirmation, hint)) {
            input.disableProperty().bind(viewModel.encryptProperty().not());
        }
        Label encryptionNote = JobWizard.muted(new Label("The job's backups then go to a folder of their own in "
                + "the repository, sealed with this password. The engine keeps it encrypted; the hint is what an "
                + "admin sees when the password must be typed. If both the engine's configuration and the "
                + "password are lost, these backups cannot be read."));
        encryptionNote.setWrapText(true);
        // A wrapping label asks for the width of its whole text; this keeps the dialog at the form's width.
        encryptionNote.setPrefWidth(NOTE_WIDTH);
        encryptionNote.setMinHeight(Region.USE_PREF_SIZE);
        Label blockNote = JobWizard.muted(new Label("Smaller blocks send less over slow links; larger blocks suit "
                + "large disks on local storage."));
        blockNote.setWrapText(true);
        blockNote.setPrefWidth(NOTE_WIDTH);
        blockNote.setMinHeight(Region.USE_PREF_SIZE);

        // Wide enough for "Storage optimisation:" whole in the theme's font.
        GridPane form = FormGrid.of(170);
        form.setVgap(8);
        form.addRow(0, new Label("Compression level:"), compression);
        form.addRow(1, new Label("Storage optimisation:"), blockSize);
        form.add(blockNote, 1, 2);
        form.add(health, 0, 3, 2, 1);
        form.add(when, 1, 4);
        form.add(encrypt, 0, 5, 2, 1);
        field(form, 6, "Password:", password, viewModel, JobWizardViewModel.PASSWORD);
        field(form, 8, "Confirm password:", confirmation, viewModel, JobWizardViewModel.CONFIRMATION);
        field(form, 10, "Password hint:", hint, viewModel, JobWizardViewModel.HINT);
        form.add(encryptionNote, 1, 12);
        Label problem = new Label();
        problem.setWrapText(true);
        problem.getStyleClass().add(atlantafx.base.theme.Styles.WARNING);
        problem.textProperty().bind(viewModel.problem(JobWizardStep.STORAGE));
        getDialogPane().setContent(new VBox(12, form, problem));
        setResultConverter(button -> button == ButtonType.OK ? button : null);
    }

    /** A labelled input, and under it its problem: the engine's, or the console's own check (two rows). */
    private static void field(GridPane form, int row, String label, Node input, JobWizardViewModel viewModel,
                              String field) {
        Label caption = new Label(label);
        caption.setLabelFor(input);
        form.add(caption, 0, row);
        form.add(input, 1, row);
        Label error = FormGrid.fieldError(viewModel.fieldError(field));
        error.setId("error-" + field.replace('.', '-'));
        form.add(error, 1, row + 1);
    }
}
