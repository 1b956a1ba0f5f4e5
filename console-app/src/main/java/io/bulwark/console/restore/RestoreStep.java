package io.bulwark.console.restore;

/** The pages of the Restore wizard, in order. */
public enum RestoreStep {
    VM("Virtual Machine", "Choose the VM to restore. Every VM with a restore point is listed."),
    RESTORE_POINT("Restore Point", "Choose the restore point to restore from; the newest is chosen."),
    RESTORE_MODE("Restore Mode", "Restore the entire VM, or only some of its disks."),
    DESTINATION("Destination", "Restore to where the VM was, over its disks, or to a new VM on a host and datastore."),
    SUMMARY("Summary", "Check what will be restored where; Finish starts the restore and shows its progress.");

    private final String title;
    private final String description;

    RestoreStep(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
