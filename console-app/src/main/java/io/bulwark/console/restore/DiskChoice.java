package io.bulwark.console.restore;

import io.bulwark.protocol.backups.RestorePointDisk;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A disk of the chosen restore point, and whether the admin ticked it for a disk restore. */
public record DiskChoice(RestorePointDisk disk, BooleanProperty chosen) {
    public DiskChoice(RestorePointDisk disk) {
        this(disk, new SimpleBooleanProperty());
    }
}
