package io.bulwark.console.servers;

import io.bulwark.console.common.Detail;
import io.bulwark.console.common.Formats;
import io.bulwark.console.table.Column;
import io.bulwark.console.table.TableDefinition;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerView;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Backup Infrastructure › Managed Servers: the Linux hosts Bulwark deploys its roles to. */
public final class ManagedServers {
    private static final HostFacts UNKNOWN = new HostFacts(null, null, null, null, null, null, null, null, null, null,
            null);

    private ManagedServers() {
    }

    public static TableDefinition<ServerView> definition() {
        return TableDefinition.of("Managed Servers", "managed server", ApiPaths.SERVERS, ServerView.class, List.of(),
                List.of(Column.of("Name", 200, ServerView::name),
                        Column.of("Address", 180, ServerView::address),
                        Column.explained("State", 140, ManagedServers::state, Formats::label, ManagedServers::stateDetail),
                        Column.of("SSH port", 80, ServerView::sshPort),
                        Column.of("OS", 180, ManagedServers::operatingSystem),
                        Column.of("CPU cores", 90, fact(HostFacts::cpuCores)),
                        Column.formatted("Memory", 110, fact(HostFacts::memoryBytes), Formats::bytes)),
                // Not the table's Remove, which only forgets: ServerActions' uninstalls the agent first.
                ManagedServers::details, false);
    }

    /** The agent's state; the engine's own server runs its roles in-process and is always ready. */
    public static AgentState state(ServerView server) {
        if (server.agent() == null) {
            return server.builtIn() ? AgentState.READY : AgentState.NOT_INSTALLED;
        }
        return server.agent().state();
    }

    private static String stateDetail(ServerView server) {
        return server.agent() == null ? null : server.agent().message();
    }

    private static <V> Function<ServerView, V> fact(Function<HostFacts, V> fact) {
        return server -> fact.apply(facts(server));
    }

    private static HostFacts facts(ServerView server) {
        return Optional.ofNullable(server.facts()).orElse(UNKNOWN);
    }

    private static String operatingSystem(ServerView server) {
        HostFacts facts = facts(server);
        return facts.os() == null ? "" : (facts.os() + " " + Formats.text(facts.osVersion())).strip();
    }

    private static List<Detail> details(ServerView server) {
        HostFacts facts = facts(server);
        ServerPorts ports = Optional.ofNullable(server.ports()).orElse(ServerPorts.DEFAULTS);
        return List.of(
                new Detail("Name", server.name()),
                new Detail("Address", server.address()),
                new Detail("Description", Formats.text(server.description())),
                new Detail("SSH port", String.valueOf(server.sshPort())),
                new Detail("Agent", Formats.label(state(server)) + (server.agent() == null || server.agent().version() == null
                        ? "" : ", version " + server.agent().version())),
                new Detail("Agent message", Formats.text(stateDetail(server))),
                new Detail("SSH host key", server.hostKeyFingerprint() == null ? "Not pinned yet"
                        : server.hostKeyFingerprint()),
                new Detail("Data ports", ports.dataPortFirst() + "–" + ports.dataPortLast()),
                new Detail("Control port", String.valueOf(ports.controlPort())),
                new Detail("Hardened repository", server.hardenedRepository() ? "Yes: a proxy here reads in Network mode only"
                        : "No"),
                new Detail("Operating system", operatingSystem(server)),
                new Detail("Kernel", Formats.text(facts.kernel())),
                new Detail("Architecture", Formats.text(facts.architecture())),
                new Detail("CPU cores", Formats.text(facts.cpuCores())),
                new Detail("Memory", Formats.bytes(facts.memoryBytes())),
                new Detail("Free space", Formats.bytes(facts.freeSpaceBytes())),
                new Detail("Datastores", facts.datastores() == null ? "" : String.join(", ", facts.datastores())),
                new Detail("Analysed", Formats.instant(facts.analysedAt())),
                new Detail("Built in", Formats.yesNo(server.builtIn())),
                new Detail("Created", Formats.instant(server.createdAt())),
                new Detail("Changed", Formats.instant(server.updatedAt())));
    }
}
