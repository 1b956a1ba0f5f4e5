package io.bulwark.engine.repositories;

import io.bulwark.protocol.repositories.RepositoryView;

/**
 * Seals a repository on its host with a new password. The engine's record of the password and the
 * repository's own key must never disagree: a repository whose password the engine does not know
 * cannot be backed up to or restored from.
 */
public interface RepositoryRekey {
    /** @throws RuntimeException with the reason, in words an admin acts on, when the host could not do it */
    void change(RepositoryView repository, String oldPassword, String newPassword, String hint);
}
