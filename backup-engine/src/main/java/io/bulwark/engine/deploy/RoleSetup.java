package io.bulwark.engine.deploy;

import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.service.RepositoryInitHandler;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.trafficrules.TrafficRuleService;
import io.bulwark.engine.trafficrules.TrafficSettingsStore;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlDone;
import io.bulwark.protocol.control.ControlRequest;
import io.bulwark.protocol.control.RepositoryInit;
import io.bulwark.protocol.control.RepositoryInitialised;
import io.bulwark.protocol.control.TrafficPolicy;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.RoleStatus;
import io.bulwark.protocol.servers.ServerView;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a server's roles in its running agent: the traffic rules every agent applies, and each
 * repository's folder. Runs after every deployment and whenever an admin adds or changes a role,
 * so each step is idempotent. The engine's own server has no remote agent: its repositories are
 * set up in-process by the same code.
 */
public class RoleSetup {
    private static final Logger LOG = LoggerFactory.getLogger(RoleSetup.class);

    private final RepositoryService repositories;
    private final TrafficRuleService rules;
    private final TrafficSettingsStore trafficSettings;
    private final AgentControl control;
    private final RepositoryInitHandler inProcess;
    private final ZoneId zone;
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    public RoleSetup(RepositoryService repositories, TrafficRuleService rules, TrafficSettingsStore trafficSettings,
                     AgentControl control, RepositoryInitHandler inProcess, ZoneId zone) {
        this.repositories = repositories;
        this.rules = rules;
        this.trafficSettings = trafficSettings;
        this.control = control;
        this.inProcess = inProcess;
        this.zone = zone;
    }

    /** One thing set up, or not, as the deployment log shows it. */
    public record Outcome(String text, boolean failed) {
    }

    /**
     * Sets up every role on the server. A failed role does not stop the others: each keeps its own
     * state. One setup per server runs at a time, so a deployment and an admin's change that both
     * trigger one cannot create the same repository twice.
     */
    public List<Outcome> setUp(ServerView server) {
        ReentrantLock lock = locks.computeIfAbsent(server.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            return setUpLocked(server);
        } finally {
            lock.unlock();
        }
    }

    private List<Outcome> setUpLocked(ServerView server) {
        List<Outcome> outcomes = new ArrayList<>();
        if (!server.builtIn()) {
            try {
                pushTrafficPolicy(server);
                outcomes.add(new Outcome("Applied " + rules.list().size() + " traffic rules.", false));
            } catch (HostAccessException e) {
                outcomes.add(new Outcome("Applying the traffic rules failed: " + e.getMessage(), true));
            }
        }
        for (RepositoryView repository : repositories.list()) {
            if (repository.serverId().equals(server.id())) {
                outcomes.add(setUpRepository(server, repository));
            }
        }
        return outcomes;
    }

    /** Sends the agent all traffic rules and settings, replacing what it had. */
    public void pushTrafficPolicy(ServerView server) {
        TrafficPolicy policy = new TrafficPolicy(zone.getId(), rules.list(), trafficSettings.get().uploadStreams());
        control.call(server.address(), server.ports().controlPort(), timeout(server),
                new ControlRequest(ControlChannel.TRAFFIC_RULES, ApiJson.mapper().valueToTree(policy)),
                ControlDone.class);
    }

    private Outcome setUpRepository(ServerView server, RepositoryView repository) {
        RepositoryInit request = new RepositoryInit(repository.path(), repositories.setupPassword(repository.id()),
                repository.encryption().passwordHint());
        try {
            RepositoryInitialised answer = server.builtIn() ? inProcess.initialise(request)
                    : control.call(server.address(), server.ports().controlPort(), timeout(server),
                    new ControlRequest(ControlChannel.INIT_REPOSITORY, ApiJson.mapper().valueToTree(request)),
                    RepositoryInitialised.class);
            repositories.recordSetup(repository.id(), RoleStatus.READY);
            return new Outcome((answer.created() ? "Created the repository '" : "Checked the repository '")
                    + repository.name() + "' in " + answer.path() + " (" + answer.freeBytes() / (1024 * 1024)
                    + " MiB free).", false);
        } catch (HostAccessException | IOException | RepositoryException | IllegalArgumentException e) {
            LOG.warn("Setting up repository {} on {} failed: {}", repository.name(), server.name(), e.getMessage());
            String message = "Setting up the repository in " + repository.path() + " failed: " + e.getMessage();
            repositories.recordSetup(repository.id(), new RoleStatus(AgentState.FAILED, message));
            return new Outcome(message, true);
        }
    }

    private static Duration timeout(ServerView server) {
        return Duration.ofSeconds(server.ports().sshTimeoutSeconds());
    }
}
