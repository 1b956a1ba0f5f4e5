package io.bulwark.engine.deploy;

import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.ServerView;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flags the agents this engine would deploy another version of, so that after an engine upgrade
 * every managed server shows Upgrade Available without an admin rescanning it. It compares the
 * version the engine recorded for each agent with the bundle's, at engine start and whenever the
 * bundle's version changes (an admin rebuilt or replaced it); the Upgrade action then deploys.
 *
 * <p>Only agents that were ready (or already flagged) are flagged: a failed, unreachable or
 * changed-host-key state says something more urgent, and a deployment or removal under way
 * records its own outcome. A rescan of an unreachable host that answers again flags it as well.
 */
public class AgentVersions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentVersions.class);
    /** How often the bundle's version is read again; it is a few small files. */
    private static final Duration BUNDLE_CHECK = Duration.ofMinutes(1);
    private static final Set<AgentState> FLAGGABLE = EnumSet.of(AgentState.READY, AgentState.UPGRADE_AVAILABLE);

    private final ServerService servers;
    private final ServerAccess access;
    private final EngineSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("agent-versions").factory());
    private String lastBundleVersion;

    public AgentVersions(ServerService servers, ServerAccess access, EngineSettings settings) {
        this.servers = servers;
        this.access = access;
        this.settings = settings;
    }

    /** What a flagged agent's message says; a rescan says the same. */
    public static String upgradeMessage(String running, String deploying) {
        return "Agent " + running + " runs; this engine deploys " + deploying + ".";
    }

    /** Checks now (before the API opens, so no console sees a stale state), then every minute for a new bundle. */
    public void start() {
        checkBundle();
        timer.scheduleWithFixedDelay(() -> {
            try {
                checkBundle();
            } catch (RuntimeException e) {
                LOG.warn("Could not compare the agents' versions with the agent bundle: {}", e.getMessage());
            }
        }, BUNDLE_CHECK.toSeconds(), BUNDLE_CHECK.toSeconds(), TimeUnit.SECONDS);
    }

    /** Flags the agents again when the bundle's version is not the one last compared with. */
    synchronized void checkBundle() {
        String bundle;
        try {
            bundle = AgentBundle.locate(settings).version();
        } catch (IOException e) {
            // Deployments say so when they need it; no bundle means no version to compare with.
            LOG.debug("No agent bundle to compare the agents with: {}", e.getMessage());
            return;
        }
        if (bundle.equals(lastBundleVersion)) {
            return;
        }
        int flagged = flagOlderThan(bundle);
        lastBundleVersion = bundle;
        if (flagged > 0) {
            LOG.info("{} managed server(s) run another agent than {}, which this engine deploys: marked Upgrade "
                    + "Available.", flagged, bundle);
        }
    }

    /** @return how many servers were flagged */
    int flagOlderThan(String bundle) {
        int flagged = 0;
        for (ServerView server : servers.list()) {
            AgentStatus agent = server.agent();
            if (server.builtIn() || agent == null || agent.version() == null || agent.version().equals(bundle)
                    || !FLAGGABLE.contains(agent.state())) {
                continue;
            }
            String message = upgradeMessage(agent.version(), bundle);
            if (agent.state() != AgentState.UPGRADE_AVAILABLE || !message.equals(agent.message())) {
                access.markAgent(server.id(), AgentState.UPGRADE_AVAILABLE, message);
            }
            flagged++;
        }
        return flagged;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
