package io.bulwark.console.common;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.dialog.Wizard;

/** The JavaFX dialogs, modal to whichever console window is in front. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    /** @param owner the window dialogs belong to right now (the connect dialog or the main window) */
    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setHeaderText(title);
        showCustomDialogAndWait(alert);
    }

    @Override
    public void showInformation(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.setHeaderText(title);
        showCustomDialogAndWait(alert);
    }

    @Override
    public boolean showConfirmation(String title, String message, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, confirm, ButtonType.CANCEL);
        alert.setHeaderText(title);
        return showCustomDialogAndWait(alert).filter(confirm::equals).isPresent();
    }

    @Override
    public Optional<Boolean> showConfirmation(String title, String message, String option, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, null, confirm, ButtonType.CANCEL);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        CheckBox box = new CheckBox(option);
        box.setId("confirmation-option");
        box.setWrapText(true);
        VBox content = new VBox(12, text, box);
        content.setPrefWidth(460);
        alert.getDialogPane().setContent(content);
        return showCustomDialogAndWait(alert).filter(confirm::equals).map(button -> box.isSelected());
    }

    @Override
    public void showDetails(String title, List<Detail> details) {
        GridPane grid = DetailsGrid.of(details);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setHeaderText(title);
        showCustomDialogAndWait(dialog);
    }

    @Override
    public boolean showWizardAndWait(String title, Wizard.Flow flow) {
        Window window = owner.get();
        Wizard wizard = new Wizard(window != null && window.isShowing() ? window : null, title);
        // The view-models hold the wizards' state. Reading "settings" off the pages would also walk
        // them by reflection into JavaFX's internals, which the module path (the launcher's) refuses.
        wizard.setReadSettings(false);
        wizard.setFlow(flow);
        wizard.getDialog().setResizable(true);
        return wizard.showAndWait().filter(ButtonType.FINISH::equals).isPresent();
    }

    @Override
    public <R> Optional<R> showCustomDialogAndWait(Dialog<R> dialog) {
        Window window = owner.get();
        // A dialog over a dialog (a rule editor over the rules) keeps the owner its view gave it.
        if (dialog.getOwner() == null && window != null && window.isShowing()) {
            dialog.initOwner(window);
        }
        if (!dialog.titleProperty().isBound()) { // a ControlsFX wizard binds it to its own title
            dialog.setTitle("Bulwark");
        }
        dialog.setResizable(true);
        // Long messages must grow the dialog rather than be cut off with an ellipsis.
        dialog.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        ConsoleTheme.apply(dialog.getDialogPane());
        return dialog.showAndWait();
    }
}
