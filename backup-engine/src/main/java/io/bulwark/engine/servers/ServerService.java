package io.bulwark.engine.servers;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.proxies.TransportModeRules;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerRequest;
import io.bulwark.protocol.servers.ServerView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Managed servers: the Linux hosts Bulwark reaches over SSH, and "This server", the engine's own
 * host, which exists from the first start and cannot be deleted or pointed elsewhere.
 */
public class ServerService implements EntityService<ServerRequest, ServerView> {
    public static final String THIS_SERVER = "This server";
    private static final Pattern HOST_KEY_FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private final ServerStore store;
    private final Lookups lookups;
    private final Clock clock;

    public ServerService(ServerStore store, Lookups lookups, Clock clock) {
        this.store = store;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public List<ServerView> list() {
        return store.list();
    }

    @Override
    public ServerView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("managed server", id));
    }

    @Override
    public ServerView create(ServerRequest request, Caller caller) {
        Instant now = clock.instant();
        ServerView server = validated(UUID.randomUUID(), request, null, now, now);
        store.insert(server);
        return server;
    }

    @Override
    public ServerView update(UUID id, ServerRequest request, Caller caller) {
        ServerView current = get(id);
        ServerView changed = validated(id, request, current, current.createdAt(), clock.instant());
        store.update(changed);
        return changed;
    }

    @Override
    public ServerView delete(UUID id, Caller caller) {
        ServerView server = requireRemovable(id);
        AgentStatus agent = server.agent();
        if (agentMayBeOnHost(agent)) {
            throw new ConflictException("The Bulwark agent is still installed on '" + server.name() + "'. Remove the "
                    + "server with the Remove action (POST " + ApiPaths.SERVERS + "/" + id + "/remove), which "
                    + "uninstalls it first.");
        }
        store.delete(id);
        return server;
    }

    /**
     * Whether forgetting the server could leave an agent behind: one was installed (a version was
     * recorded), or a deployment or removal is under way. A server whose deployments never got an
     * agent running can go with a plain delete.
     */
    private static boolean agentMayBeOnHost(AgentStatus agent) {
        return agent != null && agent.state() != AgentState.NOT_INSTALLED && (agent.version() != null
                || agent.state() == AgentState.INSTALLING || agent.state() == AgentState.REMOVING);
    }

    /** Fails unless the server could be removed: it is not the engine's own, and holds no roles. */
    public ServerView requireRemovable(UUID id) {
        ServerView server = get(id);
        if (server.builtIn()) {
            throw new ConflictException("'" + server.name() + "' is the engine's own host and cannot be removed.");
        }
        List<String> users = roles(id);
        if (!users.isEmpty()) {
            throw new ConflictException("'" + server.name() + "' still has roles: " + String.join(", ", users)
                    + ". Remove those first.");
        }
        // Not a role in roles(): a virtualization host needs no agent, so it must not keep one installed.
        if (lookups.refers("virtualization_hosts", "server_id", id)) {
            throw new ConflictException("'" + server.name() + "' is a virtualization host. Delete the virtualization "
                    + "host first (its VMs leave the inventory, and jobs that name them will not find them).");
        }
        return server;
    }

    /** The roles the server holds, as "proxy 'name'" and "repository 'name'". */
    public List<String> roles(UUID id) {
        List<String> roles = new ArrayList<>();
        lookups.namesReferring("backup_proxies", "server_id", id).forEach(n -> roles.add("proxy '" + n + "'"));
        lookups.namesReferring("backup_repositories", "server_id", id).forEach(n -> roles.add("repository '" + n + "'"));
        return roles;
    }

    /** Adds the engine's own host; for the first start. */
    public ServerView createBuiltIn(String address, HostFacts facts) {
        Instant now = clock.instant();
        ServerView server = new ServerView(UUID.randomUUID(), THIS_SERVER, address,
                "The backup server itself", 22, null, null, ServerPorts.DEFAULTS, false, facts, null, true, now, now);
        store.insert(server);
        return server;
    }

    public java.util.Optional<ServerView> builtIn() {
        return store.findBuiltIn();
    }

    /** Records what an analysis of the host found. */
    public ServerView updateFacts(UUID id, HostFacts facts) {
        ServerView s = get(id);
        ServerView changed = new ServerView(s.id(), s.name(), s.address(), s.description(), s.sshPort(),
                s.credentialId(), s.hostKeyFingerprint(), s.ports(), s.hardenedRepository(), facts, s.agent(), s.builtIn(),
                s.createdAt(),
                clock.instant());
        store.update(changed);
        return changed;
    }

    /** Records where the server's agent stands. */
    public ServerView updateAgent(UUID id, AgentStatus agent) {
        ServerView s = get(id);
        ServerView changed = new ServerView(s.id(), s.name(), s.address(), s.description(), s.sshPort(),
                s.credentialId(), s.hostKeyFingerprint(), s.ports(), s.hardenedRepository(), s.facts(), agent,
                s.builtIn(), s.createdAt(),
                clock.instant());
        store.update(changed);
        return changed;
    }

    private ServerView validated(UUID id, ServerRequest request, ServerView current, Instant createdAt, Instant updatedAt) {
        boolean builtIn = current != null && current.builtIn();
        FieldErrors errors = new FieldErrors();
        String address = HostAddresses.field(errors, "address", request.address());
        String name = request.name() == null || request.name().isBlank() ? address : request.name();
        errors.name("name", name, 255);
        String description = errors.text("description", request.description(), 1024);
        int sshPort = errors.range("sshPort", request.sshPort(), 1, 65535, 22);
        String fingerprint = request.hostKeyFingerprint() == null || request.hostKeyFingerprint().isBlank()
                ? null : request.hostKeyFingerprint().strip();
        if (fingerprint != null && !HOST_KEY_FINGERPRINT.matcher(fingerprint).matches()) {
            errors.add("hostKeyFingerprint", "must be a SHA256 fingerprint as ssh-keygen -l prints it (SHA256:...)");
        }
        ServerPorts ports = ports(errors, request.ports());
        boolean hardened = Boolean.TRUE.equals(request.hardenedRepository());
        if (builtIn) {
            if (hardened) {
                errors.add("hardenedRepository", "cannot be set: the backup server itself reaches production storage; "
                        + "a hardened repository is a host of its own");
            }
            if (address != null && !address.equals(current.address())) {
                errors.add("address", "cannot change: this is the engine's own host");
            }
            if (request.credentialId() != null) {
                errors.add("credentialId", "must be empty: the engine reaches its own host without SSH");
            }
        } else if (request.credentialId() == null) {
            errors.add("credentialId", "is required");
        } else if (!lookups.exists("credentials", request.credentialId())) {
            errors.add("credentialId", "names no stored credential");
        }
        errors.throwIfAny();
        if (lookups.nameTaken("managed_servers", name, id)) {
            throw new ConflictException("A server named '" + name + "' is already managed. Pick another name.",
                    Map.of("name", "already taken"));
        }
        store.findByEndpoint(address, sshPort, id).ifPresent(other -> {
            throw new ConflictException(address + ":" + sshPort + " is already managed as '" + other.name() + "'.",
                    Map.of("address", "already managed"));
        });
        AgentStatus agent = current == null ? AgentStatus.notInstalled(updatedAt) : current.agent();
        if (current != null && agent != null && agent.state() == AgentState.HOST_KEY_CHANGED
                && fingerprint != null && !fingerprint.equals(current.hostKeyFingerprint())) {
            // An admin accepted the new key in Edit Server: the host may be used again; the next check says how it is.
            agent = agent.with(AgentState.UNREACHABLE, "The new host key was accepted; rescan the server to check it.",
                    updatedAt);
        }
        ServerView server = new ServerView(id, name, address, description, sshPort, request.credentialId(), fingerprint,
                ports, hardened, current == null ? null : current.facts(), agent, builtIn, createdAt, updatedAt);
        requireProxyModeAllowed(server);
        return server;
    }

    /** Flagging a server as a hardened repository must not leave its proxy on a mode it may no longer use. */
    private void requireProxyModeAllowed(ServerView server) {
        store.proxyOn(server.id()).ifPresent(proxy -> {
            if (TransportModeRules.forbiddenBecause(proxy.transportMode(), server) != null) {
                throw new ConflictException("'" + server.name() + "' holds the proxy '" + proxy.name() + "', which uses "
                        + proxy.transportMode().title() + ". A hardened repository reads in Network mode only: set the "
                        + "proxy's transport mode to Network first.", Map.of("hardenedRepository", "proxy not in Network mode"));
            }
        });
    }

    private static ServerPorts ports(FieldErrors errors, ServerPorts given) {
        ServerPorts ports = Objects.requireNonNullElse(given, ServerPorts.DEFAULTS);
        errors.range("ports.dataPortFirst", ports.dataPortFirst(), 1, 65535, null);
        errors.range("ports.dataPortLast", ports.dataPortLast(), 1, 65535, null);
        errors.range("ports.controlPort", ports.controlPort(), 1, 65535, null);
        errors.range("ports.sshTimeoutSeconds", ports.sshTimeoutSeconds(), 5, 3600, null);
        if (ports.dataPortFirst() > ports.dataPortLast()) {
            errors.add("ports.dataPortLast", "must not be below ports.dataPortFirst");
        } else if (ports.controlPort() >= ports.dataPortFirst() && ports.controlPort() <= ports.dataPortLast()) {
            errors.add("ports.controlPort", "must lie outside the data mover port range");
        }
        return ports;
    }
}
