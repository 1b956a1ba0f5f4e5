package io.bulwark.agent.remote;

import io.bulwark.agent.repository.BlockStoreSession;
import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.repository.RepositoryLock;
import io.bulwark.agent.repository.RepositoryStorage;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The repository an agent serves, shared by all its sessions: one index and one set of blocks in
 * flight, so that a block one backup is storing is not sent by another.
 */
final class ServedRepository implements AutoCloseable {
    private final RepositoryStorage storage;
    private final Duration lockWait;
    private int sessions;

    ServedRepository(RepositoryStorage storage, Duration lockWait) {
        this.storage = storage;
        this.lockWait = lockWait;
    }

    RepositoryStorage storage() {
        return storage;
    }

    /**
     * Starts a backup's block session on the calling thread, which must also end it. Takes the
     * repository lock shared, waiting for a prune to finish if one runs.
     *
     * @param notices hears it when the backup has to wait
     */
    BlockStoreSession startSession(Consumer<String> notices) throws IOException, RepositoryException {
        RepositoryLock.Held lock = acquire(notices);
        synchronized (this) {
            // The lock went unheld since the last session ended, so a prune may have rewritten the
            // index; while a session runs, none can, and all sessions must share one index.
            if (sessions == 0) {
                storage.reloadIndex();
            }
            sessions++;
        }
        try {
            return new BlockStoreSession(storage, lock);
        } catch (IOException | RuntimeException e) {
            sessionEnded();
            throw e;
        }
    }

    /** Call before closing the session, while it still holds the lock. */
    synchronized void sessionEnded() {
        sessions--;
    }

    private RepositoryLock.Held acquire(Consumer<String> notices) throws IOException, RepositoryException {
        try {
            return storage.lock().shared(Duration.ofSeconds(1));
        } catch (RepositoryLock.LockTimeoutException busy) {
            notices.accept("The repository is being pruned; the backup waits for the prune to finish.");
            try {
                return storage.lock().shared(lockWait);
            } catch (RepositoryLock.LockTimeoutException e) {
                throw new RepositoryException("The repository is still being pruned after " + lockWait.toMinutes()
                        + " minutes. Try again later.");
            }
        }
    }

    @Override
    public void close() {
        storage.close();
    }
}
