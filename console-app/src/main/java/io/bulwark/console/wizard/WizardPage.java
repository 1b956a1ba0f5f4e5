package io.bulwark.console.wizard;

import atlantafx.base.theme.Styles;
import io.bulwark.assets.BulwarkAssets;
import io.bulwark.console.common.ConsoleTheme;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * One page of a wizard: a header, the page's form, and below it the reason the page is not right
 * yet. While there is a reason, Next (or Finish) is disabled, so the admin always sees why.
 */
public class WizardPage extends WizardPane {
    private final ObservableStringValue problem;
    private ObservableBooleanValue busy = Bindings.createBooleanBinding(() -> false);
    private Runnable onEnter = () -> { };
    private ObservableBooleanValue previousBlocked;

    /**
     * @param id      the page's node id ({@code new-server-name}), for tests and styles
     * @param problem why the page cannot go on, or empty when it can
     */
    public WizardPage(String id, String header, Node content, ObservableStringValue problem) {
        this.problem = problem;
        setId(id);
        setHeaderText(header);
        // The shield instead of ControlsFX's stock wizard graphic; inline, because its stylesheet sets one.
        setStyle("-fx-graphic: url(\"" + BulwarkAssets.applicationIcon(48) + "\");");
        ConsoleTheme.apply(this);
        getStyleClass().add("wizard-page");

        Label reason = new Label();
        reason.setId(id + "-problem");
        reason.getStyleClass().addAll(Styles.WARNING, "wizard-problem");
        reason.setWrapText(true);
        reason.textProperty().bind(problem);
        reason.visibleProperty().bind(Bindings.createBooleanBinding(() -> !isBlank(problem.get()), problem));
        reason.managedProperty().bind(reason.visibleProperty());
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox body = new VBox(12, content, reason);
        body.setPrefWidth(640);
        body.setMinHeight(360);
        setContent(body);
    }

    /** Runs each time the page is shown: to load what it shows, or start its work. */
    public WizardPage onEnter(Runnable action) {
        this.onEnter = action;
        return this;
    }

    /** Next stays disabled while this is true (a check or the Apply step runs). */
    public WizardPage busyWhile(ObservableBooleanValue condition) {
        this.busy = condition;
        return this;
    }

    /** Previous is hidden while this is true: once the Apply step changed the engine, there is no way back. */
    public WizardPage noWayBackWhen(ObservableBooleanValue condition) {
        this.previousBlocked = condition;
        return this;
    }

    @Override
    public void onEnteringPage(Wizard wizard) {
        wizard.invalidProperty().bind(BooleanExpression.booleanExpression(busy)
                .or(Bindings.createBooleanBinding(() -> !isBlank(problem.get()), problem)));
        if (previousBlocked != null) {
            // Hidden, not disabled: the wizard sets Previous's disabled state itself on every page change.
            button(ButtonData.BACK_PREVIOUS).ifPresent(previous -> {
                previous.visibleProperty().bind(BooleanExpression.booleanExpression(previousBlocked).not());
                previous.managedProperty().bind(previous.visibleProperty());
            });
        }
        onEnter.run();
    }

    @Override
    public void onExitingPage(Wizard wizard) {
        wizard.invalidProperty().unbind();
        wizard.setInvalid(false);
    }

    /** Goes back a page, as the Previous button does ("No" on the host key page). */
    public void goBack() {
        button(ButtonData.BACK_PREVIOUS).ifPresent(Button::fire);
    }

    /** Goes on a page, as the Next button does ("Yes" on the host key page). */
    public void goOn() {
        button(ButtonData.NEXT_FORWARD).ifPresent(Button::fire);
    }

    private Optional<Button> button(ButtonData data) {
        return getButtonTypes().stream().filter(type -> type.getButtonData() == data).findFirst()
                .map(this::lookupButton).filter(Button.class::isInstance).map(Button.class::cast);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
