package io.bulwark.console.inventory;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.FormGrid;
import io.bulwark.console.inventory.AddVirtualizationHostViewModel.ServerChoice;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Add Virtualization Host: which managed server runs the VMs and the folders they are in. OK saves
 * on the engine and closes only once it took the host; a refusal stays on the dialog, with why.
 */
public final class AddVirtualizationHostDialog extends Dialog<VirtualizationHostView> {
    public AddVirtualizationHostDialog(AddVirtualizationHostViewModel viewModel) {
        setHeaderText("Add Virtualization Host: a KVM/QEMU server whose VMs Bulwark backs up");
        getDialogPane().setId("add-virtualization-host");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);

        ComboBox<ServerChoice> server = new ComboBox<>(viewModel.servers());
        server.setId("virtualization-host-server");
        server.setMaxWidth(Double.MAX_VALUE);
        server.valueProperty().bindBidirectional(viewModel.serverProperty());
        server.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ServerChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                setText(empty || choice == null ? null : choice.label());
                setDisable(!empty && choice != null && !choice.available());
            }
        });
        server.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(ServerChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                setText(empty || choice == null ? null : choice.label());
            }
        });
        TextArea datastores = new TextArea();
        datastores.setId("virtualization-host-datastores");
        datastores.setPromptText("/var/lib/libvirt/images");
        datastores.setPrefRowCount(4);
        datastores.textProperty().bindBidirectional(viewModel.datastoresProperty());
        TextField rescan = new TextField();
        rescan.setId("virtualization-host-rescan");
        rescan.setPrefColumnCount(6);
        rescan.textProperty().bindBidirectional(viewModel.rescanMinutesProperty());

        GridPane form = FormGrid.of(150);
        form.setVgap(8);
        form.addRow(0, new Label("Managed server:"), server);
        form.addRow(1, new Label("Datastores:"), datastores);
        form.add(muted("One folder a line. Each holds one folder per VM, with the VM's disk images "
                + "(qcow2, raw) and, where there is one, its libvirt domain XML."), 1, 2);
        form.addRow(3, new Label("Rescan every (min):"), rescan);
        form.add(muted("0 scans only when you click Rescan."), 1, 4);

        Label loadError = new Label();
        loadError.getStyleClass().add(Styles.DANGER);
        loadError.textProperty().bind(viewModel.loadErrorProperty());
        Label problem = new Label();
        problem.setId("virtualization-host-problem");
        problem.getStyleClass().add(Styles.WARNING);
        problem.setWrapText(true);
        problem.textProperty().bind(viewModel.problem());
        VBox content = new VBox(12, form, loadError, problem);
        content.setPrefWidth(560);
        getDialogPane().setContent(content);

        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(viewModel.problem().isNotNull().or(viewModel.savingProperty()));
        // OK saves first; the dialog closes only when the engine took the host.
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            viewModel.save(saved -> {
                setResult(saved);
                close();
            });
        });
        setResultConverter(button -> null);
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setWrapText(true);
        return label;
    }
}
