package io.bulwark.console.inventory;

import io.bulwark.console.common.Detail;
import io.bulwark.console.common.Formats;
import io.bulwark.console.table.Column;
import io.bulwark.console.table.TableDefinition;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.util.List;

/**
 * The Inventory view's hosts: what its ribbon acts on (Rescan, Remove, Properties) while the tree
 * shows them with their datastores, VMs and disks. Its rows reload on the hosts' change events,
 * which the engine also sends when a scan changed a host's inventory.
 */
public final class VirtualizationHosts {
    private VirtualizationHosts() {
    }

    public static TableDefinition<VirtualizationHostView> definition() {
        return TableDefinition.of("Inventory", "virtualization host", ApiPaths.VIRTUALIZATION_HOSTS,
                VirtualizationHostView.class, List.of(ApiPaths.SERVERS),
                List.of(Column.of("Name", 220, VirtualizationHostView::name),
                        Column.explained("Scan", 120, VirtualizationHostView::scanState,
                                state -> InventoryItem.Host.scanState(state), VirtualizationHostView::scanMessage),
                        Column.formatted("Last scan", 160, VirtualizationHostView::scannedAt, Formats::instant),
                        Column.of("VMs", 80, VirtualizationHostView::vmCount)),
                VirtualizationHosts::details, true);
    }

    private static List<Detail> details(VirtualizationHostView host) {
        return List.of(
                new Detail("Name", host.name()),
                new Detail("Address", Formats.text(host.address())),
                new Detail("Datastores", host.datastores() == null ? "" : String.join("\n", host.datastores())),
                new Detail("Rescan", host.rescanMinutes() == 0 ? "Only on demand"
                        : "Every " + host.rescanMinutes() + " minutes"),
                new Detail("Last scan", host.scannedAt() == null ? "Not scanned yet" : Formats.instant(host.scannedAt())),
                new Detail("Scan state", InventoryItem.Host.scanState(host.scanState())),
                new Detail("Scan message", Formats.text(host.scanMessage())),
                new Detail("VMs", String.valueOf(host.vmCount())),
                new Detail("Added", Formats.instant(host.createdAt())));
    }
}
