package io.bulwark.protocol.servers;

/**
 * Where a role (a proxy, a repository) on a managed server stands, as the infrastructure views show
 * it. A role is ready when the server's agent is ready and the role's own setup on the host (a
 * repository's initialisation) is done.
 *
 * @param message what an admin should know: why it failed, or what it waits for; null when ready
 */
public record RoleStatus(AgentState state, String message) {
    public static final RoleStatus READY = new RoleStatus(AgentState.READY, null);
}
