package io.bulwark.console.proxies;

import atlantafx.base.theme.Styles;
import io.bulwark.protocol.proxies.DatastoreSelection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Add Proxy's "Choose…" for connected datastores: automatic detection, or a manual selection from
 * the datastores the server's analysis found, plus paths typed in.
 */
public final class DatastoresDialog extends Dialog<DatastoreSelection> {
    public DatastoresDialog(DatastoreSelection current, List<String> known) {
        setHeaderText("Connected Datastores");
        getDialogPane().setId("datastores");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);

        ToggleGroup how = new ToggleGroup();
        RadioButton automatic = new RadioButton("Automatic detection (recommended)");
        automatic.setId("datastores-automatic");
        automatic.setToggleGroup(how);
        RadioButton manual = new RadioButton("Manual selection");
        manual.setId("datastores-manual");
        manual.setToggleGroup(how);
        (current.automatic() ? automatic : manual).setSelected(true);

        Set<String> all = new LinkedHashSet<>(known);
        all.addAll(current.paths());
        ObservableList<String> paths = FXCollections.observableArrayList(all);
        Map<String, BooleanProperty> checked = new HashMap<>();
        all.forEach(path -> checked.put(path, new SimpleBooleanProperty(current.paths().contains(path))));
        ListView<String> list = new ListView<>(paths);
        list.setId("datastores-list");
        list.setPrefHeight(160);
        list.setCellFactory(CheckBoxListCell.forListView(checked::get));
        list.setPlaceholder(new Label(known.isEmpty() ? "The server's analysis found no datastores; type a path below."
                : "No datastores."));

        TextField typed = new TextField();
        typed.setId("datastores-path");
        typed.setPromptText("/var/lib/libvirt/images");
        HBox.setHgrow(typed, Priority.ALWAYS);
        Button add = new Button("Add");
        add.setId("datastores-add");
        add.disableProperty().bind(typed.textProperty().isEmpty());
        add.setOnAction(event -> {
            String path = typed.getText().strip();
            if (!path.isEmpty() && !checked.containsKey(path)) {
                checked.put(path, new SimpleBooleanProperty(true));
                paths.add(path);
            } else if (checked.containsKey(path)) {
                checked.get(path).set(true);
            }
            typed.clear();
        });
        VBox manualPart = new VBox(6, list, new HBox(6, typed, add));
        manualPart.disableProperty().bind(automatic.selectedProperty());

        Label note = new Label("Automatic detection serves every datastore the server can reach; a manual selection "
                + "keeps the proxy to the ones you pick.");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.setWrapText(true);
        VBox body = new VBox(10, note, automatic, manual, manualPart);
        body.setPrefWidth(520);
        getDialogPane().setContent(body);
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            if (automatic.isSelected()) {
                return DatastoreSelection.AUTOMATIC;
            }
            List<String> chosen = new ArrayList<>();
            paths.forEach(path -> {
                if (checked.get(path).get()) {
                    chosen.add(path);
                }
            });
            return new DatastoreSelection(false, List.copyOf(chosen));
        });
    }
}
