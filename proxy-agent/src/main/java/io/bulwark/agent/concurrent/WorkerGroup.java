package io.bulwark.agent.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads of one job (a backup, a restore, a health check): the first failure of any of them
 * is kept, the others are stopped, and the job rethrows that failure once they have all ended.
 */
public final class WorkerGroup {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Work that may fail; its failure becomes the group's. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Starts a platform thread: the work is CPU-bound or blocks in the file system, not on the network. */
    public void start(String name, Work work) {
        threads.add(Thread.ofPlatform().name(name).start(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                fail(e);
            }
        }));
    }

    /** Records a failure (only the first counts) and stops every thread of the group. */
    public void fail(Throwable e) {
        if (failure.compareAndSet(null, e)) {
            threads.forEach(Thread::interrupt);
        }
    }

    public boolean failed() {
        return failure.get() != null;
    }

    /**
     * Hands an item to the group's threads through {@code queue}, waiting while it is full, and
     * gives up (returning false) once the group has failed, so that the handing thread never waits
     * for workers that are gone.
     */
    public <T> boolean handOver(BlockingQueue<T> queue, T item) throws InterruptedIOException {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (failed()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while handing work over");
        }
    }

    /** Waits for every thread to end. */
    public void join() {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Throws the group's failure, if any, as it was; another checked exception arrives wrapped. */
    public void rethrow() throws IOException {
        rethrow(IOException.class);
    }

    /** As {@link #rethrow()}, letting one more checked exception type through as it is. */
    public <E extends Exception> void rethrow(Class<E> alsoChecked) throws IOException, E {
        Throwable e = failure.get();
        if (e == null) {
            return;
        }
        if (alsoChecked.isInstance(e)) {
            throw alsoChecked.cast(e);
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new IOException(e.getMessage(), e);
    }
}
