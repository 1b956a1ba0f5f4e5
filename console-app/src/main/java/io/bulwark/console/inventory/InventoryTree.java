package io.bulwark.console.inventory;

import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The inventory as a tree: hosts → datastores → VMs → disks, sorted by name. Built from the
 * virtualization hosts (their scan state) and the inventory (what the scans found); plain data,
 * so it is tested without a toolkit and the view only mirrors it.
 */
public record InventoryTree(InventoryItem item, List<InventoryTree> children) {
    public InventoryTree {
        children = List.copyOf(children);
    }

    /** One tree per host; a host the engine lists but has not scanned shows its datastores, empty. */
    public static List<InventoryTree> build(List<VirtualizationHostView> hosts, List<InventoryHost> inventory) {
        Map<UUID, VirtualizationHostView> views = new LinkedHashMap<>();
        hosts.forEach(host -> views.put(host.id(), host));
        Map<UUID, InventoryHost> scanned = new LinkedHashMap<>();
        inventory.forEach(host -> scanned.put(host.hostId(), host));
        List<UUID> ids = new ArrayList<>(views.keySet());
        // Hosts the inventory knows and the host list not yet (a reload in between): shown too.
        scanned.keySet().stream().filter(id -> !views.containsKey(id)).forEach(ids::add);
        return ids.stream()
                .map(id -> host(id, views.get(id), scanned.get(id)))
                .sorted(Comparator.comparing(tree -> tree.item().name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private static InventoryTree host(UUID id, VirtualizationHostView view, InventoryHost inventory) {
        Map<String, InventoryDatastore> found = new LinkedHashMap<>();
        if (inventory != null && inventory.datastores() != null) {
            inventory.datastores().forEach(datastore -> found.put(datastore.path(), datastore));
        }
        List<String> paths = new ArrayList<>();
        if (view != null && view.datastores() != null) {
            paths.addAll(view.datastores());
        }
        found.keySet().stream().filter(path -> !paths.contains(path)).forEach(paths::add);
        List<InventoryTree> datastores = paths.stream().sorted()
                .map(path -> datastore(id, path, found.get(path)))
                .toList();
        return new InventoryTree(new InventoryItem.Host(id, view, inventory), datastores);
    }

    private static InventoryTree datastore(UUID hostId, String path, InventoryDatastore datastore) {
        List<InventoryTree> vms = datastore == null || datastore.vms() == null ? List.of()
                : datastore.vms().stream()
                        .sorted(Comparator.comparing(InventoryVm::name, String.CASE_INSENSITIVE_ORDER))
                        .map(vm -> vm(hostId, vm))
                        .toList();
        return new InventoryTree(new InventoryItem.Datastore(hostId, path, datastore), vms);
    }

    private static InventoryTree vm(UUID hostId, InventoryVm vm) {
        List<InventoryTree> disks = vm.disks().stream()
                .map(disk -> new InventoryTree(new InventoryItem.Disk(hostId, vm.reference(), disk), List.of()))
                .toList();
        return new InventoryTree(new InventoryItem.Vm(hostId, vm), disks);
    }

    /** Walks the tree, this line first. */
    public void forEach(Consumer<InventoryItem> action) {
        action.accept(item);
        children.forEach(child -> child.forEach(action));
    }

    /** Every VM in the trees. */
    public static List<InventoryVm> vms(List<InventoryTree> trees) {
        List<InventoryVm> vms = new ArrayList<>();
        trees.forEach(tree -> tree.forEach(item -> {
            if (item instanceof InventoryItem.Vm vm) {
                vms.add(vm.vm());
            }
        }));
        return vms;
    }
}
