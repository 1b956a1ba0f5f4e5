package io.bulwark.protocol.servers;

/**
 * Asks which SSH host key a host presents, before an admin accepts it. Nothing but the key
 * exchange happens: no credential is sent.
 *
 * @param sshPort            default 22
 * @param sshTimeoutSeconds  default 30
 */
public record HostKeyRequest(String address, Integer sshPort, Integer sshTimeoutSeconds) {
}
