package io.bulwark.protocol.control;

/**
 * Asks an agent to create a repository in {@code path}, or to check the one that is there. The
 * password seals the repository's key file; the agent uses it for this request only and keeps it
 * nowhere. The hint is stored beside the key file, readable without the password.
 */
public record RepositoryInit(String path, String password, String hint) {
    @Override
    public String toString() {
        return "RepositoryInit[path=" + path + ", password=(hidden), hint=" + hint + "]";
    }
}
