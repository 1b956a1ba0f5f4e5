package io.bulwark.engine.inventory;

import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.ScanState;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import io.bulwark.protocol.inventory.VmReference;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory: what the scans of the virtualization hosts found (host → datastores → VMs →
 * disks), the scans themselves, and the lookup the job engine resolves VM references with.
 *
 * <p>A scan that cannot reach its host records FAILED with the SSH layer's message and keeps the
 * inventory the last good scan found. A datastore that cannot be listed keeps the VMs it held at the
 * last scan that could list it, so a briefly unmounted share does not make jobs lose their VMs; the
 * datastore shows {@code reachable=false} with the reason. Every scan's end is announced as an update
 * of the host in the {@code virtualization-hosts} collection, so consoles read the inventory again.
 */
public class InventoryService {
    private static final Logger log = LoggerFactory.getLogger(InventoryService.class);
    private static final String HOSTS = ApiPaths.collection(ApiPaths.VIRTUALIZATION_HOSTS);
    private static final int MAX_MESSAGE = 8000;

    private final VirtualizationHostStore hosts;
    private final InventoryStore inventory;
    private final InventoryScanner scanner;
    private final TransactionTemplate transactions;
    private final ChangeEvents events;
    private final Clock clock;
    /** One scan per host at a time: a second waits for the first, then scans again with what is current. Kept per host id: a few objects. */
    private final Map<UUID, ReentrantLock> scanning = new ConcurrentHashMap<>();

    public InventoryService(VirtualizationHostStore hosts, InventoryStore inventory, InventoryScanner scanner,
                            TransactionTemplate transactions, ChangeEvents events, Clock clock) {
        this.hosts = hosts;
        this.inventory = inventory;
        this.scanner = scanner;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** Every virtualization host with its inventory, ordered by name; a host not scanned yet has no datastores. */
    public List<InventoryHost> inventory() {
        Map<UUID, List<InventoryDatastore>> all = inventory.all();
        Map<UUID, Instant> times = hosts.inventoryTimes();
        return hosts.list().stream().map(h -> new InventoryHost(h.id(), h.serverId(), h.name(), times.get(h.id()),
                all.getOrDefault(h.id(), List.of()))).toList();
    }

    /** One host's inventory. @throws NotFoundException when there is no such host */
    public InventoryHost inventory(UUID hostId) {
        VirtualizationHostView host = hosts.find(hostId)
                .orElseThrow(() -> new NotFoundException("virtualization host", hostId));
        return new InventoryHost(host.id(), host.serverId(), host.name(), hosts.inventoryTimes().get(hostId),
                inventory.ofHost(hostId));
    }

    /**
     * Resolves a job's VM reference ({@code vm:HOST-ID:/folder}, see {@link VmReference}) to the VM as
     * the last good scan found it.
     *
     * @return empty when the reference is malformed, the host is gone, or the VM was not found by the
     *         last scan (deleted, or moved to another folder, which makes it another VM)
     */
    public Optional<FoundVm> findVm(String reference) {
        VmReference parsed;
        try {
            parsed = VmReference.parse(reference);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return hosts.find(parsed.hostId()).flatMap(host -> inventory.findVm(host.id(), parsed.folder())
                .map(found -> new FoundVm(host.id(), host.serverId(), found.datastore(), found.vm())));
    }

    /**
     * Scans the host now and records the outcome.
     *
     * @return the host's inventory after the scan
     * @throws HostAccessException when the host could not be scanned; FAILED and the message are
     *         recorded first, and the last good inventory stays
     * @throws NotFoundException when there is no such host
     */
    public InventoryHost rescan(UUID hostId) {
        ReentrantLock lock = scanning.computeIfAbsent(hostId, id -> new ReentrantLock());
        lock.lock();
        try {
            VirtualizationHostView host = hosts.find(hostId)
                    .orElseThrow(() -> new NotFoundException("virtualization host", hostId));
            if (hosts.markScanning(hostId)) {
                announce(hostId);
            }
            ScanOutcome outcome;
            try {
                outcome = scanner.scan(hostId, host.serverId(), host.datastores());
            } catch (HostAccessException e) {
                log.warn("Inventory scan of {} failed: {}", host.name(), e.getMessage());
                if (hosts.recordScan(hostId, ScanState.FAILED, limited(e.getMessage()), clock.instant(), false)) {
                    announce(hostId);
                }
                throw e;
            } catch (RuntimeException e) {
                log.error("Inventory scan of {} failed", host.name(), e);
                hosts.recordScan(hostId, ScanState.FAILED, "The scan failed inside the engine (" + e + "). The "
                        + "engine log has the details; rescan, and report it if it happens again.", clock.instant(),
                        false);
                announce(hostId);
                throw e;
            }
            record(hostId, outcome);
            log.info("Inventory scan of {}: {}, {} VMs{}", host.name(), outcome.state(),
                    outcome.datastores().stream().mapToInt(d -> d.vms().size()).sum(),
                    outcome.message() == null ? "" : " (" + outcome.message() + ")");
            return inventory(hostId);
        } finally {
            lock.unlock();
        }
    }

    private void record(UUID hostId, ScanOutcome outcome) {
        Instant now = clock.instant();
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            List<InventoryDatastore> kept = keepUnreachable(outcome.datastores(), inventory.ofHost(hostId));
            if (!hosts.recordScan(hostId, outcome.state(), limited(outcome.message()), now, true)) {
                return false; // deleted while it was scanned
            }
            inventory.replace(hostId, kept);
            return true;
        }));
        if (recorded) {
            announce(hostId);
        }
    }

    /** An unreachable datastore keeps the VMs the last scan found in it, marked by the datastore's message. */
    static List<InventoryDatastore> keepUnreachable(List<InventoryDatastore> found, List<InventoryDatastore> before) {
        Map<String, InventoryDatastore> previous = before.stream()
                .collect(Collectors.toMap(InventoryDatastore::path, Function.identity(), (a, b) -> a));
        return found.stream().map(d -> {
            InventoryDatastore last = previous.get(d.path());
            if (d.reachable() || last == null || last.vms().isEmpty()) {
                return d;
            }
            return new InventoryDatastore(d.path(), false, d.message() + " Its VMs are shown as last found.",
                    last.freeBytes(), last.vms());
        }).toList();
    }

    private void announce(UUID hostId) {
        events.publish(HOSTS, ChangeAction.UPDATED, hostId, ChangeEvents.ENGINE);
    }

    private static String limited(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
