package io.bulwark.console.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;
import org.controlsfx.dialog.Wizard;

/** A dialog service that answers every confirmation as told and remembers what it was asked to show. */
public final class ScriptedDialogService implements DialogService {
    public record Shown(String kind, String title, String message) {
    }

    private final List<Shown> shown = new ArrayList<>();
    private boolean confirm;
    private boolean tick;

    public ScriptedDialogService confirming(boolean answer) {
        this.confirm = answer;
        return this;
    }

    /** Whether the admin ticks the check box of a confirmation that has one. */
    public ScriptedDialogService ticking(boolean answer) {
        this.tick = answer;
        return this;
    }

    public List<Shown> shown() {
        return shown;
    }

    @Override
    public void showError(String title, String message) {
        shown.add(new Shown("error", title, message));
    }

    @Override
    public void showInformation(String title, String message) {
        shown.add(new Shown("information", title, message));
    }

    @Override
    public boolean showConfirmation(String title, String message, String confirmLabel) {
        shown.add(new Shown("confirmation", title, message));
        return confirm;
    }

    @Override
    public Optional<Boolean> showConfirmation(String title, String message, String option, String confirmLabel) {
        shown.add(new Shown("confirmation", title, message + "\n[" + option + "]"));
        return confirm ? Optional.of(tick) : Optional.empty();
    }

    @Override
    public void showDetails(String title, List<Detail> details) {
        shown.add(new Shown("details", title, details.toString()));
    }

    @Override
    public boolean showWizardAndWait(String title, Wizard.Flow flow) {
        throw new UnsupportedOperationException("A view-model test does not run wizards");
    }

    @Override
    public <R> Optional<R> showCustomDialogAndWait(Dialog<R> dialog) {
        throw new UnsupportedOperationException("A view-model test does not build dialogs");
    }
}
