package io.bulwark.console.connection;

/**
 * A saved way to reach an engine. It holds no password, on purpose: a profile file must be safe
 * to copy to another machine.
 */
public record ConnectionProfile(String name, String host, int port, String username) {
    public static ConnectionProfile of(EngineAddress address, String username) {
        return new ConnectionProfile(username + "@" + address, address.host(), address.port(), username);
    }

    public boolean sameTarget(ConnectionProfile other) {
        return host.equalsIgnoreCase(other.host) && port == other.port && username.equals(other.username);
    }

    @Override
    public String toString() {
        return name;
    }
}
