package io.bulwark.console.inventory;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.table.EntityTableViewModel;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Inventory view: the tree of hosts, datastores, VMs and disks, and the line selected in it.
 *
 * <p>The hosts come from the view's host table model ({@link VirtualizationHosts}), which already
 * reloads on the engine's change events and on Refresh; each time it has read them, the inventory is read
 * again and the tree rebuilt. The line selected in the tree selects its host there, which is what
 * the ribbon's Rescan, Remove and Properties act on.
 */
public final class InventoryViewModel {
    private final EntityTableViewModel<VirtualizationHostView> hosts;
    private final InventoryApi api;
    private final TaskExecutor tasks;

    private final ReadOnlyObjectWrapper<List<InventoryTree>> trees = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<InventoryItem> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Loading…");
    private List<InventoryHost> inventory = List.of();
    private boolean loading;
    private boolean loadAgain;

    public InventoryViewModel(EntityTableViewModel<VirtualizationHostView> hosts, InventoryApi api, TaskExecutor tasks) {
        this.hosts = hosts;
        this.api = api;
        this.tasks = tasks;
        // Each time the hosts have been read (not each time they changed: an empty list read again
        // changes nothing, and the tree must still leave "Loading…").
        hosts.loadingProperty().addListener((observable, was, loading) -> {
            if (!loading) {
                reload();
            }
        });
        selected.subscribe(item -> hosts.selectedProperty().set(item == null ? null : host(item.hostId())));
    }

    /** Reads the inventory again; a burst of changes during a read costs one more read. */
    public void reload() {
        if (loading) {
            loadAgain = true;
            return;
        }
        loading = true;
        tasks.execute(BackgroundTask.of("Loading the inventory", api::inventory)
                .onSuccess(read -> {
                    inventory = read;
                    rebuild();
                    placeholder.set("No virtualization host yet. Add one with Add Virtualization Host….");
                    loaded();
                })
                .onFailure(failure -> {
                    // Stale is better than empty: the tree stays, the placeholder says why when there is none.
                    placeholder.set("Cannot load the inventory: "
                            + Objects.requireNonNullElse(failure.getMessage(), failure.toString()));
                    loaded();
                }));
    }

    private void loaded() {
        loading = false;
        if (loadAgain) {
            loadAgain = false;
            reload();
        }
    }

    private void rebuild() {
        List<InventoryTree> built = InventoryTree.build(List.copyOf(hosts.rows()), inventory);
        trees.set(built);
        // The same line, as it is now; gone when it is gone.
        InventoryItem previous = selected.get();
        selected.set(previous == null ? null : find(built, previous.key()));
    }

    private static InventoryItem find(List<InventoryTree> trees, String key) {
        for (InventoryTree tree : trees) {
            if (tree.item().key().equals(key)) {
                return tree.item();
            }
            InventoryItem below = find(tree.children(), key);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    private VirtualizationHostView host(UUID id) {
        return hosts.rows().stream().filter(host -> host.id().equals(id)).findFirst().orElse(null);
    }

    /** The hosts, datastores, VMs and disks; a new list each time they change. */
    public ReadOnlyObjectProperty<List<InventoryTree>> treesProperty() {
        return trees.getReadOnlyProperty();
    }

    public ObjectProperty<InventoryItem> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public EntityTableViewModel<VirtualizationHostView> hosts() {
        return hosts;
    }

    /** Shows the selected host's properties (a double click on a line). */
    public void showProperties() {
        hosts.showProperties();
    }
}
