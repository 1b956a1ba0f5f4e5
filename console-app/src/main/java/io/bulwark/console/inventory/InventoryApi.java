package io.bulwark.console.inventory;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import io.bulwark.protocol.servers.ServerView;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What the Inventory view and its dialogs ask of the engine. Every call blocks: make it from a
 * background task. An interface so that the view-models are tested against a scripted engine.
 */
public interface InventoryApi {
    /** Every virtualization host with its datastores, VMs and disks, as the last good scans found them. */
    List<InventoryHost> inventory();

    List<VirtualizationHostView> hosts();

    /** The managed servers, for Add Virtualization Host's choice. */
    List<ServerView> servers();

    VirtualizationHostView create(VirtualizationHostRequest request);

    /** Scans the host now; answers when the scan is done. */
    InventoryHost rescan(UUID hostId);

    static InventoryApi of(EngineClient client) {
        // A scan lists every datastore over SSH and runs qemu-img on each image: give it time.
        Duration scan = Duration.ofMinutes(2);
        return new InventoryApi() {
            @Override
            public List<InventoryHost> inventory() {
                return client.list(ApiPaths.INVENTORY, InventoryHost.class);
            }

            @Override
            public List<VirtualizationHostView> hosts() {
                return client.list(ApiPaths.VIRTUALIZATION_HOSTS, VirtualizationHostView.class);
            }

            @Override
            public List<ServerView> servers() {
                return client.list(ApiPaths.SERVERS, ServerView.class);
            }

            @Override
            public VirtualizationHostView create(VirtualizationHostRequest request) {
                return client.post(ApiPaths.VIRTUALIZATION_HOSTS, request, VirtualizationHostView.class);
            }

            @Override
            public InventoryHost rescan(UUID hostId) {
                return client.post(ApiPaths.virtualizationHostRescan(hostId), null, InventoryHost.class, scan);
            }
        };
    }
}
