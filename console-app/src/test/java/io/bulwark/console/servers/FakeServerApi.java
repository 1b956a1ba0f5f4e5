package io.bulwark.console.servers;

import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.errors.ApiError;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.HostKeyRequest;
import io.bulwark.protocol.servers.HostKeyView;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerRequest;
import io.bulwark.protocol.servers.ServerView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An engine's servers in memory, for view-model tests. Each deployment plays a script of states
 * (RUNNING…, then SUCCEEDED or FAILED), one per read, and sets the agent as the engine would.
 */
public final class FakeServerApi implements ServerApi {
    public static final String FINGERPRINT = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
    public static final HostFacts FACTS = new HostFacts("Debian GNU/Linux", "13", "6.12.0", "x86_64", 8,
            16L << 30, 100L << 30, true, true, List.of("/var/lib/libvirt/images"), Instant.EPOCH);

    public final Map<UUID, ServerView> servers = new LinkedHashMap<>();
    public final List<ServerRequest> created = new ArrayList<>();
    public final List<ServerRequest> updated = new ArrayList<>();
    public final List<UUID> deployed = new ArrayList<>();
    public Supplier<HostKeyView> hostKey = () -> new HostKeyView("kvm01", 22, "ssh-ed25519", FINGERPRINT);
    /** The states the next deployment goes through, one per read; its last decides the agent's state. */
    public final Deque<List<String>> deploymentScripts = new ArrayDeque<>();
    public final List<String> removed = new ArrayList<>();
    /** What the engine answers to a Remove that is not forced, or null to remove. */
    public EngineRefusedException refuseRemove;
    /** The engine's refusal of the next create, or null to accept it. */
    public String refuseCreate;
    public String failure = "sudo refused the password of 'bwt-admin'. Agent log:\nline 1\nline 2";

    private final Map<UUID, Deque<String>> running = new LinkedHashMap<>();
    private final Map<UUID, DeploymentView> latest = new LinkedHashMap<>();

    public ServerView add(String name, HostFacts facts, AgentState state, boolean builtIn) {
        ServerView server = new ServerView(UUID.randomUUID(), name, name, null, 22, null, FINGERPRINT,
                ServerPorts.DEFAULTS, false, facts, new AgentStatus(state, null, null, null, Instant.EPOCH), builtIn,
                Instant.EPOCH, Instant.EPOCH);
        servers.put(server.id(), server);
        return server;
    }

    /** Flags a server as a hardened repository, as Edit Server would. */
    public ServerView harden(ServerView s) {
        ServerView hardened = new ServerView(s.id(), s.name(), s.address(), s.description(), s.sshPort(),
                s.credentialId(), s.hostKeyFingerprint(), s.ports(), true, s.facts(), s.agent(), s.builtIn(),
                s.createdAt(), s.updatedAt());
        servers.put(s.id(), hardened);
        return hardened;
    }

    @Override
    public List<ServerView> list() {
        return List.copyOf(servers.values());
    }

    @Override
    public ServerView get(UUID id) {
        return servers.get(id);
    }

    @Override
    public HostKeyView hostKey(HostKeyRequest request) {
        return hostKey.get();
    }

    @Override
    public ServerView create(ServerRequest request) {
        if (refuseCreate != null) {
            throw new EngineRefusedException(new ApiError(409, "Conflict", refuseCreate, null));
        }
        created.add(request);
        ServerView server = add(request.address(), null, AgentState.NOT_INSTALLED, false);
        return server;
    }

    @Override
    public ServerView update(UUID id, ServerRequest request) {
        updated.add(request);
        ServerView s = servers.get(id);
        ServerView changed = new ServerView(id, request.name(), request.address(), request.description(),
                request.sshPort(), request.credentialId(), request.hostKeyFingerprint(), request.ports(),
                Boolean.TRUE.equals(request.hardenedRepository()), s.facts(), s.agent(), s.builtIn(), s.createdAt(),
                Instant.EPOCH);
        servers.put(id, changed);
        return changed;
    }

    @Override
    public DeploymentView deploy(UUID serverId) {
        deployed.add(serverId);
        Deque<String> script = new ArrayDeque<>(deploymentScripts.isEmpty() ? List.of("SUCCEEDED")
                : deploymentScripts.removeFirst());
        running.put(serverId, script);
        setAgent(serverId, AgentState.INSTALLING, null);
        return record(serverId, "RUNNING");
    }

    @Override
    public Optional<DeploymentView> deployment(UUID serverId) {
        Deque<String> script = running.get(serverId);
        if (script == null || script.isEmpty()) {
            return Optional.ofNullable(latest.get(serverId));
        }
        String state = script.removeFirst();
        if ("SUCCEEDED".equals(state)) {
            servers.computeIfPresent(serverId, (id, s) -> withFacts(s));
            setAgent(serverId, AgentState.READY, null);
        } else if ("FAILED".equals(state)) {
            setAgent(serverId, AgentState.FAILED, failure);
        }
        return Optional.of(record(serverId, state));
    }

    @Override
    public ServerView rescan(UUID serverId) {
        return servers.get(serverId);
    }

    @Override
    public void remove(ServerView server, boolean force) {
        if (refuseRemove != null && !force) {
            throw refuseRemove;
        }
        removed.add(server.id() + (force ? " forced" : ""));
        servers.remove(server.id());
    }

    private DeploymentView record(UUID serverId, String state) {
        List<DeploymentView.Line> log = new ArrayList<>(List.of(new DeploymentView.Line(Instant.EPOCH, "analyse",
                "INFO", "Debian GNU/Linux 13, x86_64")));
        if ("FAILED".equals(state)) {
            log.add(new DeploymentView.Line(Instant.EPOCH, "install", "ERROR", failure));
        }
        DeploymentView view = new DeploymentView(serverId, state, "RUNNING".equals(state) ? 40 : 100, 0, log,
                Instant.EPOCH, "RUNNING".equals(state) ? null : Instant.EPOCH);
        latest.put(serverId, view);
        return view;
    }

    private void setAgent(UUID id, AgentState state, String message) {
        servers.computeIfPresent(id, (key, s) -> new ServerView(s.id(), s.name(), s.address(), s.description(),
                s.sshPort(), s.credentialId(), s.hostKeyFingerprint(), s.ports(), s.hardenedRepository(), s.facts(),
                new AgentStatus(state, message, "0.1.0", null, Instant.EPOCH), s.builtIn(), s.createdAt(),
                s.updatedAt()));
    }

    private static ServerView withFacts(ServerView s) {
        return new ServerView(s.id(), s.name(), s.address(), s.description(), s.sshPort(), s.credentialId(),
                s.hostKeyFingerprint(), s.ports(), s.hardenedRepository(), FACTS, s.agent(), s.builtIn(), s.createdAt(), s.updatedAt());
    }
}
