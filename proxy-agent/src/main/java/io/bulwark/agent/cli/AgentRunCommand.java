package io.bulwark.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.bulwark.agent.backup.ThisHost;
import io.bulwark.agent.remote.AgentSettings;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.remote.ControlHandler;
import io.bulwark.agent.remote.ControlServer;
import io.bulwark.agent.remote.HostPort;
import io.bulwark.agent.remote.InitialisedRepositories;
import io.bulwark.agent.remote.RepositoryAgent;
import io.bulwark.agent.remote.ServedRepositories;
import io.bulwark.agent.tasks.AgentTasks;
import io.bulwark.agent.tasks.TaskControlHandlers;
import io.bulwark.agent.service.RepositoryInitHandler;
import io.bulwark.agent.service.RepositoryMaintenanceHandlers;
import io.bulwark.agent.traffic.TrafficPolicyFile;
import io.bulwark.agent.traffic.TrafficRulesHandler;
import io.bulwark.agent.traffic.TrafficShaper;
import io.bulwark.protocol.control.AgentHealth;
import io.bulwark.protocol.control.ControlChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** The agent as the installer runs it on a managed host: a service the engine drives over its control channel. */
final class AgentRunCommand implements Command {
    /** How long a backup into a repository here waits for a prune to let go of it. */
    private static final Duration LOCK_WAIT = Duration.ofHours(1);
    private final RepositoryOperations operations;

    AgentRunCommand(RepositoryOperations operations) {
        this.operations = operations;
    }
    @Override
    public String name() {
        return "agent run";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark agent run --config DIR

                Runs the agent as a service, the way the engine's installer starts it on a managed
                host. DIR (/etc/bulwark/agent) holds agent.conf (CONTROL_PORT, DATA_PORT_FIRST,
                DATA_PORT_LAST), agent.key, agent.crt signed by the engine's CA, and ca.crt. The
                control channel (TLS 1.3, default port 6162) serves only the engine of that CA:
                health, repository-init, traffic-rules, and the disk tasks (backup-disk,
                restore-disk, task-status, task-cancel). The data listener (DATA_PORT_FIRST, TLS
                1.3) serves proxies with a certificate of the same CA the repository folders the
                engine initialised here (listed in DIR/repositories.list), the one each proxy names.
                Runs until stopped (SIGTERM). The network traffic rules the engine last sent are
                kept in DIR/traffic-policy.json and apply from the start.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args, Set.of("--config"), Set.of());
        AgentSettings settings = AgentSettings.load(arguments.path("--config"));
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.bulwark.agent").setLevel(Level.INFO);
        String version = installedVersion();
        String hostname = ThisHost.name();
        long started = System.nanoTime();
        TrafficPolicyFile policyFile = new TrafficPolicyFile(settings.directory());
        TrafficShaper traffic = savedTrafficRules(policyFile, terminal);
        RepositoryOperations governed = operations.withTraffic(traffic);
        InitialisedRepositories initialised = new InitialisedRepositories(settings.directory());
        AgentTasks tasks = new AgentTasks(governed, settings.tls(), Clock.systemUTC());
        Map<String, ControlHandler> handlers = new HashMap<>(TaskControlHandlers.of(tasks));
        handlers.put(ControlChannel.HEALTH, body -> new AgentHealth(version, ControlChannel.VERSION, hostname,
                ProcessHandle.current().pid(), (System.nanoTime() - started) / 1_000_000_000L,
                Runtime.version().toString()));
        handlers.put(ControlChannel.INIT_REPOSITORY, new RepositoryInitHandler(governed, initialised));
        handlers.put(ControlChannel.TRAFFIC_RULES, new TrafficRulesHandler(traffic, policyFile));
        handlers.putAll(RepositoryMaintenanceHandlers.of(governed, initialised));
        RepositoryAgent data = RepositoryAgent.start(new HostPort(settings.controlAddress(), settings.dataPortFirst()),
                ServedRepositories.initialised(initialised, LOCK_WAIT), settings.tls(), traffic);
        ControlServer control;
        try {
            control = ControlServer.start(new HostPort(settings.controlAddress(), settings.controlPort()), settings.tls(),
                    handlers);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("agent-shutdown").unstarted(() -> {
            control.close();
            tasks.close();
            data.close();
        }));
        terminal.err().println("Bulwark agent " + version + " on " + hostname + ": control channel on "
                + control.address() + ", repository data on " + data.address() + ".");
        control.awaitTermination();
        return 0;
    }

    /**
     * The rules the engine last sent, so that data connections are throttled from the start. A file
     * that cannot be used does not keep the agent from starting: it runs without rules, says so, and
     * takes the rules again from the engine's next push.
     */
    static TrafficShaper savedTrafficRules(TrafficPolicyFile file, Terminal terminal) {
        TrafficShaper traffic = new TrafficShaper(Clock.systemUTC());
        try {
            file.load().ifPresent(traffic::apply);
        } catch (IOException | IllegalArgumentException e) {
            terminal.err().println("Warning: no network traffic rules apply until the engine sends them again: "
                    + e.getMessage());
        }
        return traffic;
    }

    /** The bundle's VERSION file beside the agent's lib folder, which is what the engine compares for upgrades. */
    private static String installedVersion() {
        try {
            Path jar = Path.of(AgentRunCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path file = jar.getParent().resolveSibling("VERSION");
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
        } catch (Exception ignored) {
            // Not run from an installed bundle: fall back to the jar's own version.
        }
        String version = AgentRunCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
