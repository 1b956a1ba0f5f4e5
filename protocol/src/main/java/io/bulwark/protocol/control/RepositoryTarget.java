package io.bulwark.protocol.control;

/**
 * The repository a task writes to or reads from. {@code agentHost} null: the folder {@code path} on
 * the task agent's own host. Otherwise the repository agent at {@code agentHost:agentPort} (its data
 * port) serves the folder {@code path}, over mutual TLS; that agent never sees the password, which
 * the proxy uses to unwrap the repository's key itself.
 */
public record RepositoryTarget(String path, String agentHost, int agentPort, String password) {
    public boolean local() {
        return agentHost == null;
    }

    @Override
    public String toString() {
        return "RepositoryTarget[path=" + path + ", agent=" + (local() ? "local" : agentHost + ":" + agentPort)
                + ", password=(hidden)]";
    }
}
