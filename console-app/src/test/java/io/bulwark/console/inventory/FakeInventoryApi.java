package io.bulwark.console.inventory;

import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.inventory.DiskFormat;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryDisk;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.ScanState;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.servers.ServerView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A scripted engine for the inventory's view-models: hosts, their inventory, what was asked. */
public final class FakeInventoryApi implements InventoryApi {
    public static final long MIB = 1024 * 1024;

    public final List<VirtualizationHostView> hosts = new ArrayList<>();
    public final List<InventoryHost> inventory = new ArrayList<>();
    public final List<ServerView> servers = new ArrayList<>();
    public final List<VirtualizationHostRequest> created = new ArrayList<>();
    public final List<UUID> rescanned = new ArrayList<>();
    public RuntimeException refuse;
    public int inventoryReads;

    /** A host with one datastore holding the given VMs. */
    public VirtualizationHostView host(String name, String datastore, InventoryVm... vms) {
        UUID id = UUID.randomUUID();
        VirtualizationHostView view = new VirtualizationHostView(id, UUID.randomUUID(), name, name, List.of(datastore),
                60, ScanState.OK, null, Instant.parse("2025-01-01T10:00:00Z"), vms.length, Instant.now(), Instant.now());
        hosts.add(view);
        inventory.add(new InventoryHost(id, view.serverId(), name, view.scannedAt(),
                List.of(new InventoryDatastore(datastore, true, null, 100 * MIB * 1024, Arrays.asList(vms)))));
        return view;
    }

    /** A stopped VM in {@code folder} of host {@code hostId}, its disks of the given MiB (vda, vdb…). */
    public static InventoryVm vm(UUID hostId, String name, String folder, long... diskMib) {
        List<InventoryDisk> disks = new ArrayList<>();
        for (int i = 0; i < diskMib.length; i++) {
            String disk = "vd" + (char) ('a' + i);
            disks.add(new InventoryDisk(disk, folder + "/" + disk + ".qcow2", DiskFormat.QCOW2, diskMib[i] * MIB,
                    diskMib[i] * MIB / 4, List.of()));
        }
        return new InventoryVm(new VmReference(hostId, folder).toString(), name, folder, VmPower.STOPPED, disks);
    }

    @Override
    public List<InventoryHost> inventory() {
        inventoryReads++;
        return List.copyOf(inventory);
    }

    @Override
    public List<VirtualizationHostView> hosts() {
        return List.copyOf(hosts);
    }

    @Override
    public List<ServerView> servers() {
        return List.copyOf(servers);
    }

    @Override
    public VirtualizationHostView create(VirtualizationHostRequest request) {
        if (refuse != null) {
            throw refuse;
        }
        created.add(request);
        return new VirtualizationHostView(UUID.randomUUID(), request.serverId(), "new", "new", request.datastores(),
                60, ScanState.PENDING, null, null, 0, Instant.now(), Instant.now());
    }

    @Override
    public InventoryHost rescan(UUID hostId) {
        if (refuse != null) {
            throw refuse;
        }
        rescanned.add(hostId);
        return inventory.stream().filter(host -> host.hostId().equals(hostId)).findFirst().orElseThrow();
    }

    /** For refusals the tests script. */
    public static EngineRefusedException refused(int status, String message, java.util.Map<String, String> fields) {
        return new EngineRefusedException(new io.bulwark.protocol.errors.ApiError(status, "refused", message, fields));
    }
}
