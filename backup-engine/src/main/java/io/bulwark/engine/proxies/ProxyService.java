package io.bulwark.engine.proxies;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.HostPaths;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.proxies.TransportModeRules;
import io.bulwark.protocol.servers.RoleStatus;
import io.bulwark.protocol.servers.ServerView;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Backup proxies: the data movers that read source disks. One per managed server; the built-in
 * proxy on "This server" is always there.
 */
public class ProxyService implements EntityService<ProxyRequest, ProxyView> {
    public static final int MAX_TASKS = 128;
    public static final int BUILT_IN_TASKS = 2;
    private static final int MAX_DATASTORES = 256;

    private final ProxyStore store;
    private final ServerStore servers;
    private final Lookups lookups;
    private final Clock clock;

    public ProxyService(ProxyStore store, ServerStore servers, Lookups lookups, Clock clock) {
        this.store = store;
        this.servers = servers;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public List<ProxyView> list() {
        return store.list();
    }

    @Override
    public ProxyView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("backup proxy", id));
    }

    @Override
    public ProxyView create(ProxyRequest request, Caller caller) {
        Instant now = clock.instant();
        ProxyView proxy = validated(UUID.randomUUID(), request, null, now, now);
        store.insert(proxy);
        return get(proxy.id());
    }

    @Override
    public ProxyView update(UUID id, ProxyRequest request, Caller caller) {
        ProxyView current = get(id);
        store.update(validated(id, request, current, current.createdAt(), clock.instant()));
        return get(id);
    }

    @Override
    public ProxyView delete(UUID id, Caller caller) {
        ProxyView proxy = get(id);
        if (proxy.builtIn()) {
            throw new ConflictException("'" + proxy.name() + "' is the built-in proxy of the backup server and cannot "
                    + "be removed. Set its max concurrent tasks lower to use it less.");
        }
        store.delete(id);
        return proxy;
    }

    /** Adds the built-in proxy on the engine's own host; for the first start. */
    public ProxyView createBuiltIn(ServerView thisServer) {
        Instant now = clock.instant();
        ProxyView proxy = new ProxyView(UUID.randomUUID(), "Built-in proxy", "Created with the backup server",
                thisServer.id(), thisServer.name(), TransportMode.AUTOMATIC, true, false, DatastoreSelection.AUTOMATIC,
                BUILT_IN_TASKS, true, RoleStatus.READY, now, now);
        store.insert(proxy);
        return get(proxy.id());
    }

    private ProxyView validated(UUID id, ProxyRequest request, ProxyView current, Instant createdAt, Instant updatedAt) {
        FieldErrors errors = new FieldErrors();
        Optional<ServerView> server = Optional.empty();
        if (errors.required("serverId", request.serverId()) != null) {
            server = servers.find(request.serverId());
            if (server.isEmpty()) {
                errors.add("serverId", "names no managed server");
            } else if (current != null && current.builtIn() && !current.serverId().equals(request.serverId())) {
                errors.add("serverId", "cannot change: the built-in proxy runs on the backup server");
            }
        }
        String name = request.name() == null || request.name().isBlank()
                ? server.map(ServerView::name).orElse(null) : request.name();
        errors.name("name", name, 128);
        String description = errors.text("description", request.description(), 1024);
        int defaultTasks = server.map(ServerView::facts).map(f -> f.cpuCores()).filter(Objects::nonNull)
                .map(cores -> Math.min(cores, MAX_TASKS)).orElse(BUILT_IN_TASKS);
        Integer tasks = errors.range("maxConcurrentTasks", request.maxConcurrentTasks(), 1, MAX_TASKS, defaultTasks);
        DatastoreSelection datastores = datastores(errors, request.datastores());
        TransportMode mode = Objects.requireNonNullElse(request.transportMode(), TransportMode.AUTOMATIC);
        server.map(s -> TransportModeRules.forbiddenBecause(mode, s)).ifPresent(why -> errors.add("transportMode", why));
        errors.throwIfAny();
        if (lookups.nameTaken("backup_proxies", name, id)) {
            throw new ConflictException("A proxy named '" + name + "' already exists. Pick another name.",
                    Map.of("name", "already taken"));
        }
        store.findByServer(request.serverId()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new ConflictException("'" + other.serverName() + "' is already a backup proxy ('" + other.name()
                    + "'). A server holds one proxy; edit that one instead.", Map.of("serverId", "already a proxy"));
        });
        return new ProxyView(id, name, description, request.serverId(), server.get().name(),
                mode, Objects.requireNonNullElse(request.failoverToNetwork(), true),
                Objects.requireNonNullElse(request.hostToProxyEncryption(), false),
                datastores, tasks, current != null && current.builtIn(),
                // Read back from the store, which derives it from the server's agent.
                null, createdAt, updatedAt);
    }

    private static DatastoreSelection datastores(FieldErrors errors, DatastoreSelection given) {
        if (given == null || given.automatic()) {
            return DatastoreSelection.AUTOMATIC;
        }
        List<String> paths = given.paths() == null ? List.of() : given.paths();
        if (paths.isEmpty()) {
            errors.add("datastores.paths", "must list at least one datastore when automatic detection is off");
        } else if (paths.size() > MAX_DATASTORES) {
            errors.add("datastores.paths", "must list at most " + MAX_DATASTORES + " datastores");
        } else if (new HashSet<>(paths).size() != paths.size()) {
            errors.add("datastores.paths", "must not list a datastore twice");
        }
        for (int i = 0; i < paths.size(); i++) {
            String field = "datastores.paths[" + i + "]";
            errors.name(field, paths.get(i), 4096);
            HostPaths.check(errors, field, paths.get(i));
        }
        return new DatastoreSelection(false, paths.stream().toList());
    }
}
