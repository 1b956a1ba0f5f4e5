package io.bulwark.console.common;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;
import org.controlsfx.dialog.Wizard;

/**
 * Every alert, question and error of the console goes through here, so they all look and behave
 * alike, and view-models can ask the user something without knowing about windows.
 */
public interface DialogService {
    void showError(String title, String message);

    /** Tells the admin that something worked and what came of it ("Saved … (12.0 KiB)"). */
    void showInformation(String title, String message);

    /** Asks before something that cannot be undone; true when the user confirmed. */
    boolean showConfirmation(String title, String message, String confirmLabel);

    /**
     * Asks before something that cannot be undone, with a check box for a further step the admin may
     * choose ("Also delete the job's backups"). Empty when cancelled, else whether the box was ticked.
     * The default never ticks it; the console's dialogs let the admin do so.
     */
    default Optional<Boolean> showConfirmation(String title, String message, String option, String confirmLabel) {
        return showConfirmation(title, message, confirmLabel) ? Optional.of(false) : Optional.empty();
    }

    /** A read-only view of an object's properties. */
    void showDetails(String title, List<Detail> details);

    /**
     * Runs a wizard, page by page, modal to the window in front; true when the admin got to the
     * end and clicked Finish, false when it was cancelled or closed.
     */
    boolean showWizardAndWait(String title, Wizard.Flow flow);

    /** Shows a dialog that a view built, styled and owned like every other. */
    <R> Optional<R> showCustomDialogAndWait(Dialog<R> dialog);
}
