package io.bulwark.console.servers;

import atlantafx.base.theme.Styles;
import io.bulwark.protocol.servers.ServerPorts;
import javafx.beans.property.StringProperty;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** New Linux Server's "Advanced…": the data mover port range, the control port, the SSH timeout. */
public final class ServerPortsDialog extends Dialog<ServerPorts> {
    public ServerPortsDialog(ServerPortsForm form) {
        setHeaderText("Network settings");
        getDialogPane().setId("server-ports");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        GridPane grid = new GridPane(10, 8);
        grid.addRow(0, new Label("Data mover ports, from"), field("data-port-first", form.dataPortFirstProperty()),
                new Label("to"), field("data-port-last", form.dataPortLastProperty()));
        grid.addRow(1, new Label("Control port"), field("control-port", form.controlPortProperty()));
        grid.addRow(2, new Label("SSH timeout (s)"), field("ssh-timeout", form.sshTimeoutProperty()));
        Label problem = new Label();
        problem.getStyleClass().add(Styles.WARNING);
        problem.setWrapText(true);
        problem.textProperty().bind(form.problemProperty());
        getDialogPane().setContent(new VBox(12, grid, problem));
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(form.problemProperty().isNotEmpty());
        setResultConverter(button -> button == ButtonType.OK ? form.ports() : null);
    }

    private static TextField field(String id, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(6);
        field.textProperty().bindBidirectional(value);
        return field;
    }
}
