package io.bulwark.engine.inventory;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.HostPaths;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.protocol.inventory.ScanState;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import io.bulwark.protocol.servers.ServerView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Virtualization hosts: managed servers (the backup server itself included) whose datastore
 * folders the engine scans for KVM/QEMU VMs. A new or changed host is scanned at once by
 * {@link RescanScheduler}, which hears of the change once it is committed; deleting a host deletes
 * its inventory with it.
 */
public class VirtualizationHostService implements EntityService<VirtualizationHostRequest, VirtualizationHostView> {
    public static final int DEFAULT_RESCAN_MINUTES = 60;
    /** A week: a longer interval is as good as never, and an admin can always rescan by hand. */
    public static final int MAX_RESCAN_MINUTES = 7 * 24 * 60;
    private static final int MAX_DATASTORES = 64;

    private final VirtualizationHostStore store;
    private final ServerStore servers;
    private final Clock clock;

    public VirtualizationHostService(VirtualizationHostStore store, ServerStore servers, Clock clock) {
        this.store = store;
        this.servers = servers;
        this.clock = clock;
    }

    @Override
    public List<VirtualizationHostView> list() {
        return store.list();
    }

    @Override
    public VirtualizationHostView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("virtualization host", id));
    }

    @Override
    public VirtualizationHostView create(VirtualizationHostRequest request, Caller caller) {
        Instant now = clock.instant();
        VirtualizationHostView host = validated(UUID.randomUUID(), request, null, now);
        store.insert(host);
        return get(host.id());
    }

    @Override
    public VirtualizationHostView update(UUID id, VirtualizationHostRequest request, Caller caller) {
        VirtualizationHostView current = get(id);
        store.update(validated(id, request, current, clock.instant()));
        return get(id);
    }

    @Override
    public VirtualizationHostView delete(UUID id, Caller caller) {
        VirtualizationHostView host = get(id);
        store.delete(id); // the inventory goes with it (ON DELETE CASCADE)
        return host;
    }

    private VirtualizationHostView validated(UUID id, VirtualizationHostRequest request,
                                             VirtualizationHostView current, Instant now) {
        FieldErrors errors = new FieldErrors();
        Optional<ServerView> server = Optional.empty();
        if (errors.required("serverId", request.serverId()) != null) {
            server = servers.find(request.serverId());
            if (server.isEmpty()) {
                errors.add("serverId", "names no managed server; add the server first");
            } else if (current != null && !current.serverId().equals(request.serverId())) {
                errors.add("serverId", "cannot change: the VMs' references name this host. Delete this "
                        + "virtualization host and add the other server as a new one");
            }
        }
        List<String> datastores = datastores(errors, request.datastores());
        int rescanMinutes = errors.range("rescanMinutes", request.rescanMinutes(), 0, MAX_RESCAN_MINUTES,
                DEFAULT_RESCAN_MINUTES);
        errors.throwIfAny();
        store.findByServer(request.serverId()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new ConflictException("'" + other.name() + "' is already a virtualization host. Edit that one "
                    + "to change its datastores.", Map.of("serverId", "already a virtualization host"));
        });
        ServerView s = server.orElseThrow();
        return new VirtualizationHostView(id, s.id(), s.name(), s.address(), datastores, rescanMinutes,
                current == null ? ScanState.PENDING : current.scanState(),
                current == null ? null : current.scanMessage(), current == null ? null : current.scannedAt(),
                current == null ? 0 : current.vmCount(), current == null ? now : current.createdAt(), now);
    }

    private static List<String> datastores(FieldErrors errors, List<String> given) {
        List<String> paths = given == null ? List.of() : given;
        if (paths.isEmpty()) {
            errors.add("datastores", "must list at least one folder that holds VM folders, such as "
                    + "/var/lib/libvirt/images");
            return paths;
        }
        if (paths.size() > MAX_DATASTORES) {
            errors.add("datastores", "must list at most " + MAX_DATASTORES + " folders");
            return paths;
        }
        for (int i = 0; i < paths.size(); i++) {
            String field = "datastores[" + i + "]";
            String path = paths.get(i);
            errors.name(field, path, 4096);
            HostPaths.check(errors, field, path);
            for (int j = 0; j < i && !errors.has(field); j++) {
                String earlier = paths.get(j);
                if (earlier == null) {
                    continue;
                }
                if (earlier.equals(path)) {
                    errors.add(field, "is listed twice");
                } else if (inside(path, earlier) || inside(earlier, path)) {
                    // Each VM folder would then be seen twice, or a datastore taken for a VM.
                    errors.add(field, "must not lie inside another datastore or hold one (" + earlier + ")");
                }
            }
        }
        return paths.stream().toList(); // may hold nulls until throwIfAny
    }

    private static boolean inside(String path, String folder) {
        return path != null && (folder.equals("/") ? !path.equals("/") : path.startsWith(folder + "/"));
    }
}
