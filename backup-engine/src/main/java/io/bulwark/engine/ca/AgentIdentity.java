package io.bulwark.engine.ca;

import io.bulwark.engine.servers.HostAddresses;
import io.bulwark.protocol.servers.ServerView;

/**
 * Who an agent certificate is for, as the engine knows the managed server: its name (the
 * certificate's CN, for people reading it) and the address the engine dials (the certificate's
 * subjectAltName, which TLS checks). Nothing in it comes from the agent's certificate request.
 */
public record AgentIdentity(String serverName, String address) {
    public AgentIdentity {
        if (serverName == null || serverName.isBlank()) {
            throw new IllegalArgumentException("An agent certificate needs the managed server's name; it is blank.");
        }
        if (!HostAddresses.valid(address)) {
            throw new IllegalArgumentException("'" + address + "' is neither a DNS name nor an IP address, so no agent "
                    + "certificate can name it. Correct the managed server's address first.");
        }
    }

    public static AgentIdentity of(ServerView server) {
        return new AgentIdentity(server.name(), server.address());
    }
}
