package io.bulwark.console.inventory;

import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.table.EntityTableViewModel;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import javafx.scene.Node;

/**
 * The Inventory view of one login: wires the hosts' table model (what the ribbon acts on), the
 * tree's view-model and the actions, and makes the view when the navigation first opens it.
 */
public final class Inventory {
    private final InventoryApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final InventoryViewModel viewModel;

    public Inventory(InventoryApi api, EntityTableViewModel<VirtualizationHostView> hosts, TaskExecutor tasks,
                     DialogService dialogs) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.viewModel = new InventoryViewModel(hosts, api, tasks);
        hosts.setActions(new InventoryActions(api, tasks, dialogs).actions(this::addHost));
    }

    /** The working area's content; the navigation makes it once, on the FX thread. */
    public Node view() {
        return new InventoryView(viewModel).node();
    }

    public InventoryViewModel viewModel() {
        return viewModel;
    }

    /** Add Virtualization Host; the tree shows the new host through the engine's change events. */
    public void addHost() {
        AddVirtualizationHostViewModel form = new AddVirtualizationHostViewModel(api, tasks);
        form.load();
        dialogs.showCustomDialogAndWait(new AddVirtualizationHostDialog(form));
    }
}
