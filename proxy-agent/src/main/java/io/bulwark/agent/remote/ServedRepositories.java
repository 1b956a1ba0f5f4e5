package io.bulwark.agent.remote;

import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.repository.RepositoryStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Which repository folders an agent serves, and the one open {@link ServedRepository} of each,
 * shared by all sessions on it. {@code agent serve} serves one folder, named on its command line;
 * {@code agent run} serves every folder the engine initialised on its host, which the proxy names
 * in OPEN.
 */
public sealed interface ServedRepositories extends AutoCloseable {
    /**
     * The repository a session works on.
     *
     * @param requested the folder the proxy named in OPEN, or null when it named none
     * @throws RepositoryException when this agent does not serve that folder, in words for the admin
     */
    ServedRepository open(String requested) throws IOException, RepositoryException;

    @Override
    void close();

    /** One folder, opened at once, so that {@code agent serve} fails at start on a folder that is no repository. */
    static ServedRepositories single(Path directory, Duration lockWait) throws IOException, RepositoryException {
        return new Single(directory.toAbsolutePath().normalize(),
                new ServedRepository(RepositoryStorage.open(directory), lockWait));
    }

    /** Every folder {@code initialised} lists, each opened when a proxy first names it. */
    static ServedRepositories initialised(InitialisedRepositories initialised, Duration lockWait) {
        return new Initialised(initialised, lockWait);
    }

    /** {@code agent serve}: a proxy of protocol 1.0 names no folder; a newer one may name this one. */
    final class Single implements ServedRepositories {
        private final Path directory;
        private final ServedRepository repository;

        private Single(Path directory, ServedRepository repository) {
            this.directory = directory;
            this.repository = repository;
        }

        @Override
        public ServedRepository open(String requested) throws RepositoryException {
            if (requested != null && !Path.of(requested).toAbsolutePath().normalize().equals(directory)) {
                throw new RepositoryException("This agent serves the repository " + directory + ", not " + requested
                        + ".");
            }
            return repository;
        }

        @Override
        public void close() {
            repository.close();
        }
    }

    /** {@code agent run}: the folders the engine initialised here, and no other. */
    final class Initialised implements ServedRepositories {
        private final InitialisedRepositories initialised;
        private final Duration lockWait;
        private final Map<Path, ServedRepository> open = new HashMap<>();
        private boolean closed;

        private Initialised(InitialisedRepositories initialised, Duration lockWait) {
            this.initialised = initialised;
            this.lockWait = lockWait;
        }

        @Override
        public synchronized ServedRepository open(String requested) throws IOException, RepositoryException {
            if (requested == null) {
                throw new RepositoryException("This agent serves several repository folders, and the proxy named none."
                        + " Upgrade the proxy to Bulwark with data mover protocol 1.1 or later.");
            }
            Path directory = Path.of(requested);
            if (!directory.isAbsolute()) {
                throw new RepositoryException("The repository folder '" + requested + "' is not an absolute path.");
            }
            directory = directory.normalize();
            if (!initialised.contains(directory)) {
                throw new RepositoryException("The folder " + directory + " is not a repository the engine initialised"
                        + " on this agent, so it is not served. Add it as a repository in the console (or rescan the"
                        + " repository) so that the engine initialises it here first.");
            }
            if (closed) {
                throw new RepositoryException("The agent is shutting down.");
            }
            ServedRepository repository = open.get(directory);
            if (repository == null) {
                repository = new ServedRepository(RepositoryStorage.open(directory), lockWait);
                open.put(directory, repository);
            }
            return repository;
        }

        @Override
        public synchronized void close() {
            closed = true;
            open.values().forEach(ServedRepository::close);
            open.clear();
        }
    }
}
