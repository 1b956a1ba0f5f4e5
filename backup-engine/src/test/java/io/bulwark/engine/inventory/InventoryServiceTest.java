package io.bulwark.engine.inventory;

import io.bulwark.engine.testing.QemuImages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.ValidationException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.engine.testing.MigratedDatabase;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.ScanState;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory service on a migrated database, scanning the backup server's own datastores (a
 * local process, so no SSH is needed): the job engine's lookup, what a scan keeps, the host rules.
 */
class InventoryServiceTest {
    @TempDir
    Path temp;
    MigratedDatabase database;
    ServerService servers;
    VirtualizationHostService hosts;
    InventoryService inventory;
    UUID thisServer;
    Path store;

    @BeforeEach
    void setUp() throws Exception {
        database = new MigratedDatabase(temp.resolve("data"));
        Clock clock = Clock.systemUTC();
        ServerStore serverStore = new ServerStore(database.jdbc());
        servers = new ServerService(serverStore, new Lookups(database.jdbc()), clock);
        thisServer = servers.createBuiltIn("localhost", null).id();
        VirtualizationHostStore hostStore = new VirtualizationHostStore(database.jdbc());
        hosts = new VirtualizationHostService(hostStore, serverStore, clock);
        // The backup server is scanned locally; ServerAccess (SSH) is never asked for it.
        inventory = new InventoryService(hostStore, new InventoryStore(database.jdbc()),
                new InventoryScanner(servers, null, Duration.ofMinutes(1)), database.transactions(),
                new ChangeEvents(clock), clock);
        store = temp.resolve("store");
        QemuImages.create(store.resolve("web").resolve("disk.qcow2"), "qcow2", "4M", "b1");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void theJobEngineFindsAVmByItsReference() {
        UUID hostId = addHost(List.of(store.toString())).id();
        inventory.rescan(hostId);
        String reference = new VmReference(hostId, store.resolve("web").toString()).toString();

        FoundVm found = inventory.findVm(reference).orElseThrow();

        assertThat(found.hostId()).isEqualTo(hostId);
        assertThat(found.serverId()).isEqualTo(thisServer);
        assertThat(found.datastore()).isEqualTo(store.toString());
        assertThat(found.vm().reference()).isEqualTo(reference);
        assertThat(found.vm().disks()).singleElement().satisfies(d -> assertThat(d.bitmaps()).containsExactly("b1"));
        assertThat(inventory.findVm(new VmReference(hostId, "/elsewhere/web").toString())).isEmpty();
        assertThat(inventory.findVm(new VmReference(UUID.randomUUID(), store.resolve("web").toString()).toString()))
                .isEmpty();
        assertThat(inventory.findVm("vm:web-01")).as("malformed").isEmpty();
        assertThat(inventory.findVm(null)).isEmpty();
    }

    @Test
    void aDatastoreThatIsGoneKeepsTheVmsItHeldAtTheLastScan() throws Exception {
        UUID hostId = addHost(List.of(store.toString())).id();
        inventory.rescan(hostId);
        Files.move(store, temp.resolve("unmounted"));

        List<InventoryDatastore> datastores = inventory.rescan(hostId).datastores();

        assertThat(datastores).singleElement().satisfies(d -> {
            assertThat(d.reachable()).isFalse();
            assertThat(d.message()).contains("does not exist").contains("shown as last found");
            assertThat(d.vms()).extracting(InventoryVm::name).containsExactly("web");
        });
        assertThat(hosts.get(hostId).scanState()).isEqualTo(ScanState.WARNING);
        assertThat(inventory.findVm(datastores.getFirst().vms().getFirst().reference())).isPresent();
    }

    @Test
    void deletingAHostDeletesItsInventory() {
        UUID hostId = addHost(List.of(store.toString())).id();
        String reference = inventory.rescan(hostId).datastores().getFirst().vms().getFirst().reference();

        hosts.delete(hostId, Caller.SYSTEM);

        assertThat(inventory.inventory()).isEmpty();
        assertThat(inventory.findVm(reference)).isEmpty();
        assertThat(database.jdbc().sql("SELECT COUNT(*) FROM inventory_vms").query(Long.class).single()).isZero();
    }

    @Test
    void datastoresMustBeAbsoluteDistinctAndApart() {
        assertThatThrownBy(() -> addHost(List.of("relative/path", "/vms", "/vms", "/vms/web", "/other/")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsEntry("datastores[0]", "must be an absolute path (starting with /)")
                        .containsEntry("datastores[2]", "is listed twice")
                        .containsEntry("datastores[3]", "must not lie inside another datastore or hold one (/vms)")
                        .containsEntry("datastores[4]", "must not end with /"));
        assertThatThrownBy(() -> addHost(List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsKey("datastores"));
        assertThatThrownBy(() -> hosts.create(new VirtualizationHostRequest(UUID.randomUUID(), List.of("/vms"), -1),
                Caller.SYSTEM)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                .containsEntry("serverId", "names no managed server; add the server first")
                .containsEntry("rescanMinutes", "must be between 0 and 10080"));
    }

    @Test
    void aServerIsOneVirtualizationHostAtMostAndKeepsIt() {
        VirtualizationHostView host = addHost(List.of("/vms"));
        assertThat(host.rescanMinutes()).isEqualTo(60);
        assertThat(host.scanState()).isEqualTo(ScanState.PENDING);

        assertThatThrownBy(() -> addHost(List.of("/other")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.fields()).containsKey("serverId"));
        UUID other = UUID.randomUUID();
        new ServerStore(database.jdbc()).insert(new ServerView(other, "kvm02", "192.0.2.7", null, 22, null, null,
                ServerPorts.DEFAULTS, false, null, null, false, Instant.now(), Instant.now()));
        assertThatThrownBy(() -> hosts.update(host.id(), new VirtualizationHostRequest(other, List.of("/vms"), 5),
                Caller.SYSTEM)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields().get("serverId")).startsWith("cannot change"));
        assertThat(hosts.update(host.id(), new VirtualizationHostRequest(thisServer, List.of("/a", "/b"), 0),
                Caller.SYSTEM)).satisfies(h -> {
                    assertThat(h.datastores()).containsExactly("/a", "/b");
                    assertThat(h.rescanMinutes()).isZero();
                });
    }

    @Test
    void aHostIsDueWhenNeverScannedOrItsIntervalHasPassed() {
        Instant now = Instant.parse("2026-01-31T22:00:00Z");
        assertThat(RescanScheduler.isDue(view(60, null), now)).isTrue();
        assertThat(RescanScheduler.isDue(view(0, null), now)).as("the first scan even with 0").isTrue();
        assertThat(RescanScheduler.isDue(view(60, now.minusSeconds(59 * 60)), now)).isFalse();
        assertThat(RescanScheduler.isDue(view(60, now.minusSeconds(60 * 60)), now)).isTrue();
        assertThat(RescanScheduler.isDue(view(0, now.minusSeconds(86_400 * 30)), now)).isFalse();
    }

    private VirtualizationHostView addHost(List<String> datastores) {
        return hosts.create(new VirtualizationHostRequest(thisServer, datastores, null), Caller.SYSTEM);
    }

    private static VirtualizationHostView view(int minutes, Instant lastScan) {
        return new VirtualizationHostView(UUID.randomUUID(), UUID.randomUUID(), "h", "a", List.of("/vms"), minutes,
                ScanState.OK, null, lastScan, 0, Instant.EPOCH, Instant.EPOCH);
    }
}
