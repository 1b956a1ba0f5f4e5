package io.bulwark.console.configbackup;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.FormGrid;
import io.bulwark.console.common.Formats;
import io.bulwark.protocol.configuration.ConfigurationBackupView;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * Main menu › Configuration Backup, as in Veeam: what the file holds, the password and hint it is
 * sealed with, where it goes, Export, and the configuration backups the engine recorded. Export keeps
 * the dialog open, so that the new backup shows in the list.
 */
final class ConfigurationBackupDialog extends Dialog<ButtonType> {
    static final ButtonType EXPORT = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
    /** The notes wrap at the width the theme gives dialogs. */
    private static final double NOTE_WIDTH = 720;

    ConfigurationBackupDialog(ConfigurationBackupViewModel viewModel) {
        setHeaderText("Configuration Backup");
        getDialogPane().setId("configuration-backup");
        getDialogPane().getStyleClass().add("configuration-backup-dialog");
        getDialogPane().getButtonTypes().setAll(EXPORT, ButtonType.CLOSE);

        Label explanation = wrapped(new Label("The file holds the engine's whole configuration: servers, proxies, "
                + "repositories, jobs, users, the stored credentials and the engine's keys (the master key, the TLS "
                + "and CA keys), sealed with the password below. Keep the file and the password apart: whoever has "
                + "both has them all. To restore it, stop the engine and run 'bulwark-engine config import --in FILE "
                + "--password-file PASSWORD-FILE' on the backup server."));

        PasswordField password = new PasswordField();
        password.setId("config-backup-password");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        PasswordField confirmation = new PasswordField();
        confirmation.setId("config-backup-confirm");
        confirmation.textProperty().bindBidirectional(viewModel.confirmationProperty());
        TextField hint = new TextField();
        hint.setId("config-backup-hint");
        hint.setPromptText("Where the password is kept, never the password itself");
        hint.textProperty().bindBidirectional(viewModel.hintProperty());
        TextField file = new TextField();
        file.setId("config-backup-file");
        file.textProperty().bindBidirectional(viewModel.targetProperty(), new PathConverter());
        Button browse = new Button("Browse…");
        browse.setId("config-backup-browse");
        browse.setOnAction(event -> browse(viewModel));
        HBox.setHgrow(file, Priority.ALWAYS);

        GridPane form = FormGrid.of(140);
        field(form, 0, "Password:", password, viewModel, ConfigurationBackupViewModel.PASSWORD);
        field(form, 2, "Confirm password:", confirmation, viewModel, ConfigurationBackupViewModel.CONFIRMATION);
        field(form, 4, "Password hint:", hint, viewModel, ConfigurationBackupViewModel.HINT);
        Label fileLabel = new Label("Save to:");
        fileLabel.setLabelFor(file);
        form.addRow(6, fileLabel, new HBox(6, file, browse));
        form.setVgap(6);

        Label problem = wrapped(new Label());
        problem.setId("config-backup-problem");
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        progress.setId("config-backup-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(viewModel.exportingProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        TableView<ConfigurationBackupView> table = new TableView<>(viewModel.backups());
        table.setId("config-backups-table");
        table.setPlaceholder(new Label("No configuration backup yet."));
        table.setPrefHeight(180);
        // The columns share the dialog's width (as wide as the admin makes it), the file name the most.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().setAll(
                column("Time", 150, backup -> Formats.instant(backup.takenAt())),
                column("Kind", 110, backup -> ConfigurationBackupViewModel.kind(backup.kind())),
                column("File name", 260, ConfigurationBackupView::fileName),
                column("Size", 75, backup -> Formats.bytes(backup.sizeBytes())),
                column("By", 70, backup -> backup.username() == null ? "Engine" : backup.username()));
        Label backupsMessage = wrapped(new Label());
        backupsMessage.getStyleClass().add(Styles.DANGER);
        backupsMessage.textProperty().bind(viewModel.backupsMessageProperty());
        backupsMessage.visibleProperty().bind(viewModel.backupsMessageProperty().isNotEmpty());
        backupsMessage.managedProperty().bind(backupsMessage.visibleProperty());
        Label earlier = wrapped(new Label("Configuration backups the engine recorded (exports, and its own before a schema "
                + "migration or an import):"));
        earlier.getStyleClass().add(Styles.TEXT_BOLD);

        VBox content = new VBox(12, explanation, form, problem, progress, earlier, table, backupsMessage);
        getDialogPane().setContent(content);
        setResizable(true);

        Button export = (Button) getDialogPane().lookupButton(EXPORT);
        export.disableProperty().bind(viewModel.problemProperty().isNotNull().or(viewModel.exportingProperty()));
        // Export keeps the dialog open: the new backup shows in the list, and a refusal shows on its field.
        export.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            viewModel.export();
        });
        setResultConverter(button -> button);
    }

    private void browse(ConfigurationBackupViewModel viewModel) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the configuration backup");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Bulwark configuration backup", "*.bcb"));
        Path current = viewModel.targetProperty().get();
        if (current != null) {
            File folder = current.toAbsolutePath().getParent().toFile();
            if (folder.isDirectory()) {
                chooser.setInitialDirectory(folder);
            }
            chooser.setInitialFileName(current.getFileName().toString());
        }
        File chosen = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            viewModel.chooseTarget(chosen.toPath());
        }
    }

    /** A labelled input, and under it its problem: the engine's, or the console's own check (two rows). */
    private static void field(GridPane form, int row, String label, Node input, ConfigurationBackupViewModel viewModel,
                              String field) {
        Label caption = new Label(label);
        caption.setLabelFor(input);
        form.add(caption, 0, row);
        form.add(input, 1, row);
        Label error = FormGrid.fieldError(viewModel.fieldError(field));
        error.setId("config-backup-error-" + field);
        form.add(error, 1, row + 1);
    }

    private static Label wrapped(Label label) {
        label.setWrapText(true);
        // A wrapping label asks for the width of its whole text; this keeps the dialog at the form's width.
        label.setPrefWidth(NOTE_WIDTH);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static TableColumn<ConfigurationBackupView, String> column(String title, double width,
                                                                        Function<ConfigurationBackupView, String> text) {
        TableColumn<ConfigurationBackupView, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        // A cut-off value (a long file name) reads in full as the cell's tooltip.
        column.setCellFactory(list -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return column;
    }

    /** The file field's text: a path, or nothing (an empty field, or one no path can be made of). */
    private static final class PathConverter extends StringConverter<Path> {
        @Override
        public String toString(Path path) {
            return path == null ? "" : path.toString();
        }

        @Override
        public Path fromString(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return Path.of(text.strip());
            } catch (InvalidPathException e) {
                return null;
            }
        }
    }
}
