package io.bulwark.console.trafficrules;

import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.OpenTrafficRules;
import io.bulwark.protocol.events.ChangeEvent;

/**
 * The Network Traffic Rules command, one per login: the main menu calls {@link #showDialog()}, and
 * anyone may post {@link OpenTrafficRules} on the event bus for the same.
 */
public final class TrafficRules {
    private final TrafficRulesViewModel viewModel;
    private final DialogService dialogs;
    private boolean showing;

    public TrafficRules(TrafficRulesViewModel viewModel, DialogService dialogs, EventBus bus) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        bus.subscribe(ChangeEvent.class, viewModel::onChange);
        bus.subscribe(OpenTrafficRules.class, request -> showDialog());
    }

    /** Shows the dialog and returns when it is closed; a second request while it shows is ignored. */
    public void showDialog() {
        if (showing) {
            return;
        }
        showing = true;
        viewModel.opened();
        try {
            dialogs.showCustomDialogAndWait(new TrafficRulesDialog(viewModel, dialogs));
        } finally {
            viewModel.closed();
            showing = false;
        }
    }
}
