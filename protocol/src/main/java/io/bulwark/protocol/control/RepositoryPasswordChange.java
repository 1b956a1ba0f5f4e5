package io.bulwark.protocol.control;

/**
 * {@link ControlChannel#REPOSITORY_PASSWORD}: seal a repository folder the agent initialised with a
 * new password. Only the repository's key file is rewritten (the data keys stay), so every restore
 * point opens with the new password and none with the old. Answered with {@link ControlDone}.
 */
public record RepositoryPasswordChange(String path, String oldPassword, String newPassword, String hint) {
}
