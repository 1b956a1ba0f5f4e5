package io.bulwark.protocol.control;

/**
 * {@link ControlChannel#REPOSITORY_VERIFY}: read back every block of a repository folder the agent
 * initialised and say which restore points could not be restored. Answered with
 * {@link RepositoryVerified}; it takes as long as reading the repository does.
 */
public record RepositoryVerify(String path, String password) {
}
