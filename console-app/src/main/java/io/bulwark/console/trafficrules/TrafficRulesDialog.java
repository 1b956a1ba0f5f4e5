package io.bulwark.console.trafficrules;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.Formats;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Main menu › Network Traffic Rules: the rules in a table with Add, Edit and Remove beside it, and
 * the number of upload streams per job under it, as in Veeam's dialog.
 */
final class TrafficRulesDialog extends Dialog<ButtonType> {
    private final TrafficRulesViewModel viewModel;
    private final DialogService dialogs;

    TrafficRulesDialog(TrafficRulesViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        setHeaderText("Network Traffic Rules");

        TableView<TrafficRuleView> table = new TableView<>(viewModel.rules());
        table.setId("traffic-rules-table");
        table.setPlaceholder(new Label("No traffic rule: data mover traffic is neither throttled nor encrypted."));
        table.getColumns().setAll(
                column("Name", 170, TrafficRuleView::name),
                column("Source", 150, TrafficRuleView::sourceRange),
                column("Target", 150, rule -> "public".equals(rule.targetRange()) ? "Any public address"
                        : rule.targetRange()),
                column("Encryption", 90, rule -> Formats.yesNo(rule.encrypt())),
                column("Throttle", 100, rule -> ThrottleUnits.describe(rule.throttle())),
                column("Schedule", 220, rule -> ScheduleSummary.describe(rule.schedule())));
        table.getSelectionModel().selectedItemProperty().subscribe(viewModel.selectedProperty()::set);
        viewModel.selectedProperty().subscribe(rule -> {
            if (rule != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(rule);
            }
        });
        table.setRowFactory(view -> {
            TableRow<TrafficRuleView> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    edit();
                }
            });
            return row;
        });

        Button add = new Button("Add…");
        add.setId("traffic-rule-add");
        add.setOnAction(event -> editor(viewModel.newRule()));
        Button edit = new Button("Edit…");
        edit.setId("traffic-rule-edit");
        edit.setOnAction(event -> edit());
        Button remove = new Button("Remove");
        remove.setId("traffic-rule-remove");
        remove.setOnAction(event -> viewModel.removeSelected());
        edit.disableProperty().bind(viewModel.selectedProperty().isNull());
        remove.disableProperty().bind(viewModel.selectedProperty().isNull());
        for (Button button : new Button[] {add, edit, remove}) {
            button.setMaxWidth(Double.MAX_VALUE);
        }

        Spinner<Integer> streams = new Spinner<>(TrafficRulesViewModel.MIN_STREAMS, TrafficRulesViewModel.MAX_STREAMS,
                viewModel.uploadStreamsProperty().get());
        streams.setId("upload-streams");
        streams.setEditable(true);
        streams.setPrefWidth(90);
        streams.getValueFactory().valueProperty().bindBidirectional(viewModel.uploadStreamsProperty());
        streams.disableProperty().bind(viewModel.settingsLoadedProperty().not());
        Label streamsLabel = new Label("Use multiple upload streams per job:");
        streamsLabel.setLabelFor(streams);
        Label message = new Label();
        message.setId("traffic-rules-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());

        HBox.setHgrow(table, Priority.ALWAYS);
        HBox streamsRow = new HBox(8, streamsLabel, streams);
        streamsRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox content = new VBox(12,
                new Label("Rules throttle or encrypt the traffic between data movers whose addresses they match."),
                new HBox(8, table, new VBox(6, add, edit, remove)), streamsRow, message);
        getDialogPane().setContent(content);
        getDialogPane().setPrefSize(1020, 520);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
    }

    private void edit() {
        viewModel.editSelected().ifPresent(this::editor);
    }

    private void editor(TrafficRuleEditorViewModel editor) {
        TrafficRuleEditorDialog dialog = new TrafficRuleEditorDialog(editor);
        dialog.initOwner(getDialogPane().getScene().getWindow());
        dialogs.showCustomDialogAndWait(dialog).ifPresent(viewModel::saved);
    }

    private static TableColumn<TrafficRuleView, String> column(String title, double width,
                                                                Function<TrafficRuleView, String> text) {
        TableColumn<TrafficRuleView, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return column;
    }
}
