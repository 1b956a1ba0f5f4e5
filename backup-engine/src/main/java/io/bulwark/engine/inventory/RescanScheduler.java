package io.bulwark.engine.inventory;

import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts scans by itself: of a host an admin added or changed (once the change is committed), and
 * of every host whose rescan interval has passed since its last scan. Each scan runs on a virtual
 * thread of its own, so a slow host does not hold up the others; a host already being scanned by
 * this scheduler is not started twice.
 */
public class RescanScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RescanScheduler.class);
    private static final String HOSTS = ApiPaths.collection(ApiPaths.VIRTUALIZATION_HOSTS);

    private final VirtualizationHostService hosts;
    private final InventoryService inventory;
    private final ChangeEvents events;
    private final Clock clock;
    private final Duration tick;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    /** Hosts changed by an admin while being scanned: scanned once more with the new settings. */
    private final Set<UUID> changedWhileRunning = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("inventory-rescans").daemon().factory());
    private AutoCloseable subscription;
    private volatile boolean closed;

    /** @param tick how often the intervals are checked; scans start at most this late */
    public RescanScheduler(VirtualizationHostService hosts, InventoryService inventory, ChangeEvents events,
                           Clock clock, Duration tick) {
        this.hosts = hosts;
        this.inventory = inventory;
        this.events = events;
        this.clock = clock;
        this.tick = tick;
    }

    public void start() {
        subscription = events.subscribe(this::changed);
        timer.scheduleWithFixedDelay(this::scanDueHosts, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether a host is due for a scan: it was never scanned (added while the engine stopped, say), or
     * its interval has passed since its last scan ended. An interval of 0 never makes it due again.
     */
    static boolean isDue(VirtualizationHostView host, Instant now) {
        if (host.scannedAt() == null) {
            return true;
        }
        return host.rescanMinutes() > 0
                && !host.scannedAt().plus(Duration.ofMinutes(host.rescanMinutes())).isAfter(now);
    }

    private void changed(ChangeEvent event) {
        if (HOSTS.equals(event.collection()) && !ChangeEvents.ENGINE.equals(event.actor())
                && (event.action() == ChangeAction.CREATED || event.action() == ChangeAction.UPDATED)) {
            if (!scanInBackground(event.id())) {
                changedWhileRunning.add(event.id());
            }
        }
    }

    private void scanDueHosts() {
        try {
            Instant now = clock.instant();
            hosts.list().stream().filter(h -> isDue(h, now)).forEach(h -> scanInBackground(h.id()));
        } catch (RuntimeException e) {
            // The next tick tries again; the database may be briefly unavailable.
            log.warn("Cannot check which virtualization hosts are due for a scan: {}", e.toString());
        }
    }

    /** @return false when this scheduler is scanning the host already */
    private boolean scanInBackground(UUID hostId) {
        if (closed || !running.add(hostId)) {
            return closed;
        }
        Thread.ofVirtual().name("inventory scan " + hostId).start(() -> {
            try {
                do {
                    scan(hostId);
                } while (changedWhileRunning.remove(hostId) && !closed);
            } finally {
                running.remove(hostId);
            }
        });
        return true;
    }

    private void scan(UUID hostId) {
        try {
            inventory.rescan(hostId);
        } catch (RuntimeException e) {
            // Recorded on the host by the inventory service, which logs it too.
            log.debug("Background scan of {} ended with {}", hostId, e.toString());
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        timer.shutdownNow();
        if (subscription != null) {
            subscription.close();
        }
    }
}
