package io.bulwark.protocol.servers;

import java.time.Instant;

/**
 * The agent on a managed server, as the engine last saw it.
 *
 * @param message      what an admin should know: the error of a failed step, or null
 * @param version      the agent version installed, or null
 * @param certificateFingerprint SHA-256 of the agent certificate the engine's CA signed, or null
 * @param since        when the state was last set
 */
public record AgentStatus(AgentState state, String message, String version, String certificateFingerprint,
                          Instant since) {
    public static AgentStatus notInstalled(Instant at) {
        return new AgentStatus(AgentState.NOT_INSTALLED, null, null, null, at);
    }

    public AgentStatus with(AgentState newState, String newMessage, Instant at) {
        return new AgentStatus(newState, newMessage, version, certificateFingerprint, at);
    }
}
