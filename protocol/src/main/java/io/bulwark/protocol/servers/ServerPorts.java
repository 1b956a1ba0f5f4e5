package io.bulwark.protocol.servers;

/**
 * The advanced network settings of a managed server.
 *
 * @param dataPortFirst      first port of the range the data mover listens on (default 2500)
 * @param dataPortLast       last port of that range (default 3300)
 * @param controlPort        the agent's control port (default 6162)
 * @param sshTimeoutSeconds  how long an SSH connection or command may stay silent (default 30)
 */
public record ServerPorts(int dataPortFirst, int dataPortLast, int controlPort, int sshTimeoutSeconds) {
    public static final ServerPorts DEFAULTS = new ServerPorts(2500, 3300, 6162, 30);
}
