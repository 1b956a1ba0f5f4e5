package io.bulwark.console.restore;

import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.TaskExecutor;
import java.util.UUID;

/** Opens the Restore wizard of one login: from the main menu, or on a VM or restore point from Backups. */
public final class Restore {
    private final RestoreApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final EventBus bus;

    public Restore(RestoreApi api, TaskExecutor tasks, DialogService dialogs, EventBus bus) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.bus = bus;
    }

    /** Restore… from the main menu: the admin chooses the VM on the first page. */
    public void showWizard() {
        RestoreWizard.show(new RestoreWizardViewModel(api, tasks, dialogs, bus), dialogs);
    }

    /** Restore… on a VM (its newest restore point, {@code restorePointId} null) or on a restore point. */
    public void showWizard(String vmReference, UUID restorePointId) {
        RestoreWizardViewModel viewModel = new RestoreWizardViewModel(api, tasks, dialogs, bus);
        viewModel.preselect(vmReference, restorePointId);
        RestoreWizard.show(viewModel, dialogs);
    }
}
