package io.bulwark.protocol.control;

/**
 * An agent's answer to {@link RepositoryInit}.
 *
 * @param created false when a repository already was in the folder and the password opened it
 * @param freeBytes free space where the repository lives
 */
public record RepositoryInitialised(String path, boolean created, long freeBytes) {
}
