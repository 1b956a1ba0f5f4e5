package io.bulwark.engine.ssh;

import io.bulwark.engine.servers.HostAddresses;
import java.time.Duration;

/**
 * Where a managed host's SSH server is, and the host key an admin accepted for it.
 *
 * @param pinnedFingerprint the accepted host key ({@code SHA256:...}), or null before an admin has
 *                          accepted one: then every connection stops at the key exchange
 * @param timeout           how long a connection or a silent command may take
 */
public record SshTarget(String address, int port, String pinnedFingerprint, Duration timeout) {
    public String endpoint() {
        return HostAddresses.endpoint(address, port);
    }
}
