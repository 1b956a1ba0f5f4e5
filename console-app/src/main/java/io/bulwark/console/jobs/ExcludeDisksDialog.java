package io.bulwark.console.jobs;

import io.bulwark.console.common.Formats;
import io.bulwark.protocol.inventory.InventoryDisk;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** "Exclude disks…": the VM's disks, ticked when the job backs them up; answers the ones left out. */
public final class ExcludeDisksDialog extends Dialog<List<String>> {
    public ExcludeDisksDialog(ChosenVm vm) {
        setHeaderText("Disks of " + vm.name() + " to back up");
        getDialogPane().setId("exclude-disks");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        VBox boxes = new VBox(6);
        List<CheckBox> ticks = new ArrayList<>();
        for (InventoryDisk disk : vm.disks()) {
            CheckBox box = new CheckBox(disk.name() + " — " + Formats.bytes(disk.capacityBytes()) + ", "
                    + (disk.format() == null ? "" : disk.format().qemuName()) + ", " + disk.path());
            box.setId("disk-" + disk.name());
            box.setUserData(disk.name());
            box.setSelected(!vm.excludedDisks().contains(disk.name()));
            ticks.add(box);
            boxes.getChildren().add(box);
        }
        Label note = new Label("An unticked disk is left out of every run of this job; its data is not protected.");
        note.setWrapText(true);
        getDialogPane().setContent(new VBox(12, boxes, note));
        setResultConverter(button -> button == ButtonType.OK ? ticks.stream().filter(box -> !box.isSelected())
                .map(box -> (String) box.getUserData()).toList() : null);
    }
}
