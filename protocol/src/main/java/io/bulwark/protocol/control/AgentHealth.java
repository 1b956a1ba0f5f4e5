package io.bulwark.protocol.control;

/**
 * An agent's answer to {@code health}: that it runs, what it is, and since when.
 *
 * @param version        the bundle version installed (what the engine compares for upgrades)
 * @param protocol       the control channel version it speaks ({@link ControlChannel#VERSION})
 * @param hostname       the host's own name
 * @param pid            the agent's process id
 * @param uptimeSeconds  how long the agent has run
 * @param runtime        the Java runtime the agent runs on
 */
public record AgentHealth(String version, int protocol, String hostname, long pid, long uptimeSeconds,
                          String runtime) {
}
