package io.bulwark.agent.repository;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps garbage collection and backups apart. Backups, restores and health checks hold the lock
 * shared for their whole run; the part of a prune that deletes blocks holds it exclusively, so it
 * never deletes a block that a running backup has just decided to reuse. Held as an OS file lock
 * on {@code locks/repository.lock} between processes (a killed process releases it at once) and
 * as a read-write lock between the threads of one process, such as an agent serving many backups.
 * A process has one instance per lock file ({@link #of}): the OS lets a process hold a file lock
 * once, so two backups into one repository in one process must share it.
 */
public final class RepositoryLock {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path file;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock(true);
    private FileChannel channel;
    private FileLock fileLock;
    private int sharedHolders;

    private static final ConcurrentMap<Path, RepositoryLock> BY_FILE = new ConcurrentHashMap<>();

    private RepositoryLock(Path file) {
        this.file = file;
    }

    /** This process's lock on {@code file}. */
    public static RepositoryLock of(Path file) {
        return BY_FILE.computeIfAbsent(file.toAbsolutePath().normalize(), RepositoryLock::new);
    }

    /** A held lock; close it to release. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public Held shared(Duration wait) throws IOException, LockTimeoutException {
        Instant deadline = Instant.now().plus(wait);
        acquire(threads.readLock(), deadline);
        try {
            synchronized (this) {
                if (sharedHolders == 0) {
                    fileLock = lockFile(true, deadline);
                }
                sharedHolders++;
            }
        } catch (IOException | LockTimeoutException | RuntimeException e) {
            threads.readLock().unlock();
            throw e;
        }
        return () -> {
            synchronized (this) {
                if (--sharedHolders == 0) {
                    releaseFile();
                }
            }
            threads.readLock().unlock();
        };
    }

    public Held exclusive(Duration wait) throws IOException, LockTimeoutException {
        Instant deadline = Instant.now().plus(wait);
        acquire(threads.writeLock(), deadline);
        try {
            synchronized (this) {
                fileLock = lockFile(false, deadline);
            }
        } catch (IOException | LockTimeoutException | RuntimeException e) {
            threads.writeLock().unlock();
            throw e;
        }
        return () -> {
            synchronized (this) {
                releaseFile();
            }
            threads.writeLock().unlock();
        };
    }

    private static void acquire(java.util.concurrent.locks.Lock lock, Instant deadline) throws LockTimeoutException {
        try {
            long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (!lock.tryLock(millis, TimeUnit.MILLISECONDS)) {
                throw new LockTimeoutException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException();
        }
    }

    private FileLock lockFile(boolean shared, Instant deadline) throws IOException, LockTimeoutException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        while (true) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return lock;
            }
            if (Instant.now().isAfter(deadline)) {
                channel.close();
                throw new LockTimeoutException();
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.close();
                throw new LockTimeoutException();
            }
        }
    }

    private void releaseFile() {
        try {
            if (fileLock != null) {
                fileLock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the OS drops the lock with the descriptor anyway
        } finally {
            fileLock = null;
            channel = null;
        }
    }

    /** The lock could not be had in time: another process prunes, or backs up while this one prunes. */
    public static final class LockTimeoutException extends Exception {
        public LockTimeoutException() {
            super("the repository is locked by another operation");
        }
    }
}
