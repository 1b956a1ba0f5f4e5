package io.bulwark.protocol.servers;

import java.util.UUID;

/**
 * Adds or changes a managed Linux server.
 *
 * @param name               how the server is shown; defaults to the address
 * @param address            DNS name or IP address
 * @param sshPort            SSH port (default 22)
 * @param credentialId       the stored credential to log in with
 * @param hostKeyFingerprint the pinned SSH host key, as {@code ssh-keygen -l} prints it
 *                           ({@code SHA256:...}); null until an admin accepts one
 * @param ports              advanced network settings; null means the defaults
 * @param hardenedRepository the host stores backups apart from production: a proxy on it reads in
 *                           network mode only; null means no
 */
public record ServerRequest(
        String name,
        String address,
        String description,
        Integer sshPort,
        UUID credentialId,
        String hostKeyFingerprint,
        ServerPorts ports,
        Boolean hardenedRepository) {
}
