package io.bulwark.console.repositories;

import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.protocol.events.ChangeEvent;

/**
 * The main menu's Add Repository command, one per login. It listens to the engine's changes once,
 * for the session, and hands them to the wizard that is open, so that a wizard never leaves a
 * listener behind on the event bus.
 */
public final class AddRepository {
    private final RepositoryApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final EventBus bus;
    private AddRepositoryViewModel open;

    public AddRepository(RepositoryApi api, TaskExecutor tasks, DialogService dialogs, EventBus bus) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.bus = bus;
        bus.subscribe(ChangeEvent.class, change -> {
            if (open != null) {
                open.onChange(change);
            }
        });
    }

    /** Shows the wizard and returns when it is closed. One at a time. */
    public void showWizard() {
        if (open != null) {
            return;
        }
        open = new AddRepositoryViewModel(api, tasks, bus);
        try {
            new AddRepositoryWizard(open).showAndWait(dialogs);
        } finally {
            open = null;
        }
    }
}
