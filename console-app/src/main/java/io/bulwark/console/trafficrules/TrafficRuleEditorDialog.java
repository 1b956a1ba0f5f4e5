package io.bulwark.console.trafficrules;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.FormGrid;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The editor of one traffic rule, laid out as Veeam's: name, source and target ranges, encryption,
 * throttle, and when the rule applies. OK saves on the engine and closes only when it accepted.
 */
final class TrafficRuleEditorDialog extends Dialog<TrafficRuleView> {
    TrafficRuleEditorDialog(TrafficRuleEditorViewModel viewModel) {
        setHeaderText(viewModel.title());
        GridPane form = FormGrid.of(150);

        TextField name = new TextField();
        name.setId("rule-name");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        TextField source = new TextField();
        source.setId("rule-source");
        source.setPromptText("10.0.0.0/24, 10.0.0.1-10.0.0.50, 10.0.0.5 or any");
        source.textProperty().bindBidirectional(viewModel.sourceRangeProperty());
        TextField target = new TextField();
        target.setId("rule-target");
        target.setPromptText("192.168.10.0/24, … or any");
        target.textProperty().bindBidirectional(viewModel.targetRangeProperty());
        target.disableProperty().bind(viewModel.targetAnyPublicProperty());
        CheckBox anyPublic = new CheckBox("Any public address");
        anyPublic.setId("rule-target-public");
        anyPublic.selectedProperty().bindBidirectional(viewModel.targetAnyPublicProperty());

        CheckBox encrypt = new CheckBox("Encrypt network traffic");
        encrypt.setId("rule-encrypt");
        encrypt.selectedProperty().bindBidirectional(viewModel.encryptProperty());
        CheckBox throttle = new CheckBox("Throttle network traffic to:");
        throttle.setId("rule-throttle");
        throttle.selectedProperty().bindBidirectional(viewModel.throttleEnabledProperty());
        Spinner<Integer> value = new Spinner<>(1, TrafficRuleEditorViewModel.MAX_THROTTLE,
                TrafficRuleEditorViewModel.DEFAULT_THROTTLE);
        value.setId("rule-throttle-value");
        value.setEditable(true);
        value.setPrefWidth(130);
        value.getValueFactory().valueProperty().bindBidirectional(viewModel.throttleValueProperty());
        ComboBox<ThrottleUnit> unit = new ComboBox<>();
        unit.setId("rule-throttle-unit");
        unit.getItems().setAll(ThrottleUnit.values());
        unit.setCellFactory(list -> new UnitCell());
        unit.setButtonCell(new UnitCell());
        unit.valueProperty().bindBidirectional(viewModel.throttleUnitProperty());
        value.disableProperty().bind(viewModel.throttleEnabledProperty().not());
        unit.disableProperty().bind(viewModel.throttleEnabledProperty().not());

        ToggleGroup when = new ToggleGroup();
        RadioButton always = new RadioButton("Always");
        always.setId("rule-always");
        RadioButton period = new RadioButton("During the following time period only:");
        period.setId("rule-period");
        always.setToggleGroup(when);
        period.setToggleGroup(when);
        always.setSelected(viewModel.alwaysProperty().get());
        period.setSelected(!viewModel.alwaysProperty().get());
        always.selectedProperty().subscribe(viewModel.alwaysProperty()::set);
        HourGrid grid = new HourGrid(viewModel.hours());
        grid.node().disableProperty().bind(viewModel.alwaysProperty());
        Button all = new Button("All");
        all.setOnAction(event -> viewModel.hours().setAll(true));
        Button none = new Button("Clear");
        none.setId("rule-hours-clear");
        none.setOnAction(event -> viewModel.hours().setAll(false));
        for (Button button : new Button[] {all, none}) {
            button.getStyleClass().add(Styles.SMALL);
            button.disableProperty().bind(viewModel.alwaysProperty());
        }

        int row = 0;
        row = field(form, row, "Name:", name, viewModel, TrafficRuleEditorViewModel.NAME);
        row = field(form, row, "Source IP range:", source, viewModel, TrafficRuleEditorViewModel.SOURCE);
        row = field(form, row, "Target IP range:", new HBox(12, target, anyPublic), viewModel,
                TrafficRuleEditorViewModel.TARGET);
        form.add(encrypt, 0, row++, 2, 1);
        form.add(throttle, 0, row);
        form.add(new HBox(8, value, unit), 1, row++);
        form.add(FormGrid.fieldError(viewModel.fieldError(TrafficRuleEditorViewModel.THROTTLE)), 1, row++);
        form.add(always, 0, row++, 2, 1);
        form.add(period, 0, row++, 2, 1);
        form.add(new VBox(6, grid.node(), new HBox(6, all, none),
                FormGrid.fieldError(viewModel.fieldError(TrafficRuleEditorViewModel.SCHEDULE))), 0, row++, 2, 1);

        Label problem = FormGrid.fieldError(viewModel.problemProperty());
        problem.setId("rule-problem");
        Label saveError = new Label();
        saveError.setId("rule-save-error");
        saveError.getStyleClass().add(Styles.DANGER);
        saveError.setWrapText(true);
        saveError.textProperty().bind(viewModel.saveErrorProperty());
        saveError.visibleProperty().bind(viewModel.saveErrorProperty().isNotEmpty());
        saveError.managedProperty().bind(saveError.visibleProperty());

        getDialogPane().setContent(new VBox(12, form, problem, saveError));
        getDialogPane().setPrefWidth(720);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("rule-ok");
        ok.disableProperty().bind(viewModel.validProperty().not().or(viewModel.savingProperty()));
        // OK saves first; the dialog closes only with the rule the engine accepted.
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            viewModel.save(saved -> {
                setResult(saved);
                close();
            });
        });
        setResultConverter(button -> null);
    }

    private static final class UnitCell extends ListCell<ThrottleUnit> {
        @Override
        protected void updateItem(ThrottleUnit unit, boolean empty) {
            super.updateItem(unit, empty);
            setText(empty || unit == null ? null : ThrottleUnits.label(unit));
        }
    }

    /** A labelled input and, under it, the field's error while it has one; returns the next free row. */
    private static int field(GridPane form, int row, String label, Node input, TrafficRuleEditorViewModel viewModel,
                             String field) {
        form.add(new Label(label), 0, row);
        form.add(input, 1, row);
        Label error = FormGrid.fieldError(viewModel.fieldError(field));
        error.setId("rule-error-" + field);
        form.add(error, 1, row + 1);
        return row + 2;
    }
}
