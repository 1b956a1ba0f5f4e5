package io.bulwark.console.inventory;

import static io.bulwark.console.inventory.FakeInventoryApi.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.console.table.EntitySource;
import io.bulwark.console.table.EntityTableViewModel;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.inventory.ScanState;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InventoryViewModelTest {
    private final FakeInventoryApi engine = new FakeInventoryApi();
    private final EventBus bus = new EventBus(Runnable::run);
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
    private final EntityTableViewModel<VirtualizationHostView> hosts = new EntityTableViewModel<>(
            VirtualizationHosts.definition(), new EntitySource<>() {
                @Override
                public List<VirtualizationHostView> list() {
                    return engine.hosts();
                }

                @Override
                public void delete(UUID id) {
                    engine.hosts.removeIf(host -> host.id().equals(id));
                    engine.inventory.removeIf(host -> host.hostId().equals(id));
                }
            }, tasks, dialogs, bus);
    private final InventoryViewModel inventory = new InventoryViewModel(hosts, engine, tasks);

    @Test
    void theTreeIsHostsThenDatastoresThenVmsThenDisksSortedByName() {
        VirtualizationHostView kvm = engine.host("kvm01", "/var/lib/libvirt/images");
        engine.inventory.set(0, withVms(engine.inventory.getFirst(), FakeInventoryApi.vm(kvm.id(), "web",
                "/var/lib/libvirt/images/web", 64, 16), FakeInventoryApi.vm(kvm.id(), "db", "/var/lib/libvirt/images/db", 8)));
        engine.host("alpha", "/srv/vms");

        hosts.reload();

        List<InventoryTree> trees = inventory.treesProperty().get();
        assertThat(trees).extracting(tree -> tree.item().name()).containsExactly("alpha", "kvm01");
        InventoryTree host = trees.get(1);
        assertThat(host.item().state()).isEqualTo("Scanned");
        assertThat(host.item().details()).contains("Last scan", "2 VMs");
        assertThat(host.item().capacityBytes()).isEqualTo(88 * MIB);
        InventoryTree datastore = host.children().getFirst();
        assertThat(datastore.item().name()).isEqualTo("/var/lib/libvirt/images");
        assertThat(datastore.item().details()).isEqualTo("100.0 GiB free");
        assertThat(datastore.children()).extracting(tree -> tree.item().name()).containsExactly("db", "web");
        InventoryTree web = datastore.children().get(1);
        assertThat(web.item().state()).isEqualTo("Stopped");
        assertThat(web.item().capacityBytes()).isEqualTo(80 * MIB);
        assertThat(web.item().allocatedBytes()).isEqualTo(20 * MIB);
        assertThat(web.children()).extracting(tree -> tree.item().name()).containsExactly("vda", "vdb");
        assertThat(web.children().getFirst().item().format()).isEqualTo("qcow2");
    }

    @Test
    void withoutAnyHostTheTreeSaysHowToAddOne() {
        assertThat(inventory.placeholderProperty().get()).isEqualTo("Loading…");

        hosts.reload();

        assertThat(inventory.treesProperty().get()).isEmpty();
        assertThat(inventory.placeholderProperty().get())
                .isEqualTo("No virtualization host yet. Add one with Add Virtualization Host….");
    }

    @Test
    void aHostNotScannedYetShowsItsDatastoresAndAFailedScanItsReason() {
        VirtualizationHostView pending = new VirtualizationHostView(UUID.randomUUID(), UUID.randomUUID(), "kvm02",
                "10.0.0.2", List.of("/vms"), 60, ScanState.FAILED, "kvm02 did not answer on port 22.", null, 0,
                Instant.now(), Instant.now());
        engine.hosts.add(pending);

        hosts.reload();

        InventoryTree host = inventory.treesProperty().get().getFirst();
        assertThat(host.item().name()).isEqualTo("kvm02 (10.0.0.2)");
        assertThat(host.item().state()).isEqualTo("Failed");
        assertThat(host.item().details()).isEqualTo("Not scanned yet. kvm02 did not answer on port 22.");
        assertThat(host.item().capacityBytes()).isNull();
        assertThat(host.children()).extracting(tree -> tree.item().name() + " " + tree.item().state())
                .containsExactly("/vms Not scanned yet");
    }

    @Test
    void aChangeEventReloadsTheTreeAndKeepsTheSelectedLineWhichSelectsItsHostForTheRibbon() {
        VirtualizationHostView kvm = engine.host("kvm01", "/vms");
        engine.inventory.set(0, withVms(engine.inventory.getFirst(), FakeInventoryApi.vm(kvm.id(), "web", "/vms/web", 8)));
        hosts.reload();
        InventoryItem web = inventory.treesProperty().get().getFirst().children().getFirst().children().getFirst().item();

        inventory.selectedProperty().set(web);
        assertThat(hosts.selectedProperty().get()).isEqualTo(kvm);

        engine.inventory.set(0, withVms(engine.inventory.getFirst(), FakeInventoryApi.vm(kvm.id(), "web", "/vms/web", 8),
                FakeInventoryApi.vm(kvm.id(), "app", "/vms/app", 4)));
        int reads = engine.inventoryReads;
        bus.publish(new ChangeEvent(1, Instant.now(), "virtualization-hosts", ChangeAction.UPDATED, kvm.id(), "system"));

        assertThat(engine.inventoryReads).isEqualTo(reads + 1);
        assertThat(InventoryTree.vms(inventory.treesProperty().get())).hasSize(2);
        assertThat(inventory.selectedProperty().get().key()).isEqualTo(web.key());
        assertThat(hosts.selectedProperty().get().id()).isEqualTo(kvm.id());
    }

    @Test
    void rescanAsksTheEngineAndExplainsAHostItCannotReach() {
        VirtualizationHostView kvm = engine.host("kvm01", "/vms");
        Map<String, RowAction<VirtualizationHostView>> actions = actions();
        assertThat(actions.get("action-rescan-host").enabledFor().test(null)).isFalse();

        actions.get("action-rescan-host").run().accept(kvm);
        assertThat(engine.rescanned).containsExactly(kvm.id());

        engine.refuse = FakeInventoryApi.refused(502, "kvm01 did not answer on port 22 within 20 s.", Map.of());
        actions.get("action-rescan-host").run().accept(kvm);
        assertThat(dialogs.shown()).singleElement().satisfies(shown -> {
            assertThat(shown.title()).isEqualTo("Cannot rescan kvm01");
            assertThat(shown.message()).contains("did not answer");
        });
    }

    @Test
    void removeAsksThenDeletesTheHostAndTheTreeLosesIt() {
        VirtualizationHostView kvm = engine.host("kvm01", "/vms");
        hosts.reload();
        inventory.selectedProperty().set(inventory.treesProperty().get().getFirst().item());
        dialogs.confirming(true);

        hosts.removeSelected();

        assertThat(dialogs.shown().getFirst().title()).isEqualTo("Remove the virtualization host 'kvm01'?");
        assertThat(engine.hosts).isEmpty();
        assertThat(inventory.treesProperty().get()).isEmpty();
        assertThat(inventory.selectedProperty().get()).isNull();
        assertThat(kvm).isNotNull();
    }

    private Map<String, RowAction<VirtualizationHostView>> actions() {
        return new InventoryActions(engine, tasks, dialogs).actions(() -> { }).stream()
                .collect(java.util.stream.Collectors.toMap(RowAction::id, action -> action));
    }

    private static io.bulwark.protocol.inventory.InventoryHost withVms(io.bulwark.protocol.inventory.InventoryHost host,
                                                                        io.bulwark.protocol.inventory.InventoryVm... vms) {
        var datastore = host.datastores().getFirst();
        return new io.bulwark.protocol.inventory.InventoryHost(host.hostId(), host.serverId(), host.name(),
                host.scannedAt(), List.of(new io.bulwark.protocol.inventory.InventoryDatastore(datastore.path(),
                datastore.reachable(), datastore.message(), datastore.freeBytes(), List.of(vms))));
    }
}
