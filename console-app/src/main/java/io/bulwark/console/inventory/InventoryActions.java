package io.bulwark.console.inventory;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.util.List;
import java.util.Objects;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Inventory view's own actions. Remove and Properties are the ribbon's, on the host of the
 * selected line. Rescan only asks the engine; the tree follows through the change events.
 */
public final class InventoryActions {
    private final InventoryApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    public InventoryActions(InventoryApi api, TaskExecutor tasks, DialogService dialogs) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** @param addHost opens Add Virtualization Host */
    public List<RowAction<VirtualizationHostView>> actions(Runnable addHost) {
        return List.of(
                RowAction.always("action-add-virtualization-host", "Add Virtualization Host…",
                        Material2AL.ADD_CIRCLE_OUTLINE, addHost),
                RowAction.onRow("action-rescan-host", "Rescan", Material2MZ.SYNC, host -> true, this::rescan));
    }

    /** Scans the host now. A host that cannot be reached is explained; its last inventory stays. */
    public void rescan(VirtualizationHostView host) {
        tasks.execute(BackgroundTask.of("Rescanning " + host.name(), () -> api.rescan(host.id()))
                .onFailure(failure -> dialogs.showError("Cannot rescan " + host.name(),
                        Objects.requireNonNullElse(failure.getMessage(), failure.toString()))));
    }
}
