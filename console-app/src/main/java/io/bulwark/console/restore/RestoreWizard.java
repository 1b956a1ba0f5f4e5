package io.bulwark.console.restore;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.FormGrid;
import io.bulwark.console.common.Formats;
import io.bulwark.console.wizard.WizardPage;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryHost;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.dialog.Wizard;

/**
 * The Restore wizard, page by page as in Veeam's Full VM Restore: Virtual Machine, Restore Point,
 * Restore Mode, Destination, Summary. A thin view: the view-model holds every value and check; the
 * pages lay them out, bind, and show the reason Next is disabled.
 */
public final class RestoreWizard {
    private final RestoreWizardViewModel viewModel;

    private RestoreWizard(RestoreWizardViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Runs the wizard; Finish starts the restore, whose statistics window then opens. */
    public static void show(RestoreWizardViewModel viewModel, DialogService dialogs) {
        viewModel.load();
        RestoreWizard wizard = new RestoreWizard(viewModel);
        if (dialogs.showWizardAndWait("Restore", wizard.flow())) {
            viewModel.start();
        }
    }

    private Wizard.Flow flow() {
        return new Wizard.LinearFlow(vmPage(), pointPage(), modePage(), destinationPage(), summaryPage());
    }

    private WizardPage page(RestoreStep step, String id, Node content) {
        Label description = new Label(step.description());
        description.getStyleClass().add(Styles.TEXT_MUTED);
        description.setWrapText(true);
        VBox.setVgrow(content, Priority.ALWAYS);
        return new WizardPage(id, step.title(), new VBox(10, description, content), viewModel.problem(step));
    }

    private WizardPage vmPage() {
        TableView<BackedUpVm> table = new TableView<>(viewModel.vms());
        table.setId("restore-vms");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                column("VM", 180, BackedUpVm::name),
                column("Job", 160, BackedUpVm::jobs),
                column("Last restore point", 160, vm -> Formats.instant(vm.newest())),
                column("Restore points", 100, vm -> String.valueOf(vm.points()))));
        table.setPlaceholder(new Label("No VM has a restore point yet."));
        bindSelection(table, viewModel.vmProperty());
        return page(RestoreStep.VM, "restore-vm", table);
    }

    private WizardPage pointPage() {
        TableView<RestorePointView> table = new TableView<>(viewModel.points());
        table.setId("restore-points");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                column("Created", 160, point -> Formats.instant(point.createdAt())),
                column("Job", 140, point -> Formats.text(point.jobName())),
                column("Size", 90, point -> Formats.bytes(point.sizeBytes())),
                column("Repository", 160, point -> Formats.text(point.repositoryName())),
                column("Health", 100, point -> Formats.label(point.health()))));
        bindSelection(table, viewModel.pointProperty());
        return page(RestoreStep.RESTORE_POINT, "restore-point", table);
    }

    private WizardPage modePage() {
        ToggleGroup mode = new ToggleGroup();
        RadioButton entire = new RadioButton("Entire VM: every disk of the restore point");
        entire.setId("restore-entire-vm");
        entire.setToggleGroup(mode);
        RadioButton single = new RadioButton("Single disks: only the disks ticked below");
        single.setId("restore-single-disks");
        single.setToggleGroup(mode);
        viewModel.entireVmProperty().subscribe(value -> (value ? entire : single).setSelected(true));
        mode.selectedToggleProperty().subscribe(toggle -> viewModel.entireVmProperty().set(toggle != single));

        ListView<DiskChoice> disks = new ListView<>(viewModel.disks());
        disks.setId("restore-disks");
        disks.setCellFactory(CheckBoxListCell.forListView(DiskChoice::chosen, new StringConverter<>() {
            @Override
            public String toString(DiskChoice disk) {
                return disk == null ? "" : disk.disk().name() + " — " + Formats.bytes(disk.disk().capacityBytes())
                        + ", " + Formats.label(disk.disk().format()) + " (" + disk.disk().path() + ")";
            }

            @Override
            public DiskChoice fromString(String text) {
                throw new UnsupportedOperationException();
            }
        }));
        disks.disableProperty().bind(viewModel.entireVmProperty());
        VBox.setVgrow(disks, Priority.ALWAYS);
        return page(RestoreStep.RESTORE_MODE, "restore-mode", new VBox(8, entire, single, disks));
    }

    private WizardPage destinationPage() {
        ToggleGroup where = new ToggleGroup();
        RadioButton original = new RadioButton("Original location");
        original.setId("restore-original");
        original.setToggleGroup(where);
        RadioButton elsewhere = new RadioButton("New location: a new VM on a host and datastore");
        elsewhere.setId("restore-new-location");
        elsewhere.setToggleGroup(where);
        viewModel.originalLocationProperty().subscribe(value -> (value ? original : elsewhere).setSelected(true));
        where.selectedToggleProperty().subscribe(toggle -> viewModel.originalLocationProperty().set(toggle != elsewhere));

        Label originalWhere = new Label();
        originalWhere.setId("restore-original-where");
        originalWhere.getStyleClass().add(Styles.TEXT_MUTED);
        originalWhere.textProperty().bind(viewModel.vmProperty().map(vm -> viewModel.originalLocationText()));
        CheckBox overwrite = new CheckBox("Overwrite the VM's disks: what they hold now is lost");
        overwrite.setId("restore-overwrite");
        overwrite.selectedProperty().bindBidirectional(viewModel.overwriteProperty());
        VBox originalOptions = new VBox(6, originalWhere, overwrite);
        originalOptions.setStyle("-fx-padding: 0 0 0 26;");
        originalOptions.disableProperty().bind(viewModel.originalLocationProperty().not());

        ComboBox<InventoryHost> host = new ComboBox<>(viewModel.hosts());
        host.setId("restore-host");
        host.setMaxWidth(Double.MAX_VALUE);
        host.setConverter(converter(InventoryHost::name));
        host.valueProperty().bindBidirectional(viewModel.hostProperty());
        ComboBox<InventoryDatastore> datastore = new ComboBox<>(viewModel.datastores());
        datastore.setId("restore-datastore");
        datastore.setMaxWidth(Double.MAX_VALUE);
        datastore.setConverter(converter(d -> d.path() + (d.reachable()
                ? " — " + Formats.bytes(d.freeBytes()) + " free" : " — cannot be read")));
        datastore.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(InventoryDatastore item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : datastore.getConverter().toString(item));
            }
        });
        datastore.valueProperty().bindBidirectional(viewModel.datastoreProperty());
        TextField name = new TextField();
        name.setId("restore-vm-name");
        name.textProperty().bindBidirectional(viewModel.vmNameProperty());
        GridPane newOptions = FormGrid.of(120);
        newOptions.setVgap(8);
        newOptions.addRow(0, new Label("Host:"), host);
        newOptions.addRow(1, new Label("Datastore:"), datastore);
        newOptions.addRow(2, new Label("VM name:"), name);
        newOptions.setStyle("-fx-padding: 0 0 0 26;");
        newOptions.disableProperty().bind(viewModel.originalLocationProperty());
        return page(RestoreStep.DESTINATION, "restore-destination",
                new VBox(10, original, originalOptions, elsewhere, newOptions));
    }

    private WizardPage summaryPage() {
        GridPane details = FormGrid.of(120);
        details.setId("restore-summary");
        details.setVgap(8);
        return new WizardPage("restore-summary-page", RestoreStep.SUMMARY.title(),
                new VBox(10, muted(new Label(RestoreStep.SUMMARY.description())), details),
                viewModel.problem(RestoreStep.SUMMARY)) {
            private boolean confirming;

            @Override
            public void onEnteringPage(Wizard wizard) {
                super.onEnteringPage(wizard);
                details.getChildren().clear();
                List<Detail> summary = viewModel.summary();
                for (int row = 0; row < summary.size(); row++) {
                    Label value = new Label(summary.get(row).value());
                    value.setWrapText(true);
                    details.addRow(row, muted(new Label(summary.get(row).label() + ":")), value);
                }
                // Over the VM's own disks Finish asks once more; No keeps the wizard open.
                if (!confirming && lookupButton(ButtonType.FINISH) instanceof Button finish) {
                    confirming = true;
                    finish.addEventFilter(ActionEvent.ACTION, event -> {
                        if (!viewModel.confirmFinish()) {
                            event.consume();
                        }
                    });
                }
            }
        };
    }

    private static <T> void bindSelection(TableView<T> table, javafx.beans.property.ObjectProperty<T> chosen) {
        table.getSelectionModel().selectedItemProperty().subscribe(item -> {
            if (item != null && item != chosen.get()) {
                chosen.set(item);
            }
        });
        chosen.subscribe(item -> {
            if (item != table.getSelectionModel().getSelectedItem()) {
                if (item == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(item);
                    table.scrollTo(item);
                }
            }
        });
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : text.apply(item);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Label muted(Label label) {
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }
}
