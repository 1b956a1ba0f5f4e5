package io.bulwark.engine.servers;

import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.RoleStatus;

/**
 * The one place that says what state a role is in. A role lives in its server's agent, so it is
 * ready when that agent is; a role with setup of its own (a repository) is ready when that setup
 * is done as well. The engine's own server runs its roles in-process: its agent is always ready.
 */
public final class RoleStates {
    private RoleStates() {
    }

    public static RoleStatus of(boolean serverBuiltIn, AgentStatus agent) {
        if (serverBuiltIn) {
            return RoleStatus.READY;
        }
        if (agent == null || agent.state() == AgentState.NOT_INSTALLED) {
            return new RoleStatus(AgentState.NOT_INSTALLED, "The agent is not on the server yet. Deploy it.");
        }
        if (agent.state() == AgentState.READY) {
            return RoleStatus.READY;
        }
        if (agent.state() == AgentState.UPGRADE_AVAILABLE) {
            // Seen in Backup Proxies or Repositories, where the Upgrade action is not: say where it is.
            return new RoleStatus(agent.state(), agent.message() + " Upgrade the agent in Managed Servers.");
        }
        return new RoleStatus(agent.state(), agent.message());
    }

    /** @param setup the role's own setup on the host, or null when it has not been done */
    public static RoleStatus of(boolean serverBuiltIn, AgentStatus agent, RoleStatus setup) {
        RoleStatus role = of(serverBuiltIn, agent);
        if (role.state() != AgentState.READY) {
            return role;
        }
        return setup == null ? new RoleStatus(AgentState.INSTALLING, "Waiting to be set up on the server.") : setup;
    }
}
