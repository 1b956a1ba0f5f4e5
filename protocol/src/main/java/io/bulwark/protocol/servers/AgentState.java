package io.bulwark.protocol.servers;

/** Where a managed server's agent stands, as the infrastructure views show it. */
public enum AgentState {
    /** Nothing of Bulwark is on the host. */
    NOT_INSTALLED,
    /** A deployment is running. */
    INSTALLING,
    /** The agent runs and answered its health check. */
    READY,
    /** The agent runs, but its version differs from the engine's. */
    UPGRADE_AVAILABLE,
    /** The host or its agent did not answer. */
    UNREACHABLE,
    /** The host presents another SSH key than the one accepted; nothing runs on it until an admin accepts the new one. */
    HOST_KEY_CHANGED,
    /** The last deployment failed; the message says why, and a retry continues it. */
    FAILED,
    /** The agent is being removed. */
    REMOVING
}
