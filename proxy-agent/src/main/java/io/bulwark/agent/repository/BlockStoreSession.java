package io.bulwark.agent.repository;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.repository.index.IndexEntry;
import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.repository.pack.PackFormat;
import io.bulwark.agent.repository.pack.PackWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The part of a backup that needs no key: it claims blocks against the index and the blocks other
 * sessions are storing, writes the sealed blocks it is given to packs on a writer thread, and
 * publishes each finished pack with an index file of its own at once, so a backup killed half-way
 * leaves its stored blocks for the next one to reuse. Publishing (forcing the pack to disk, then
 * indexing it) runs on a thread of its own, so the writer fills the next pack while the disk
 * flushes the last one; a pack is indexed only once it is durable. It holds the repository lock shared from
 * start to close, so a prune cannot delete a block it has decided to reuse.
 *
 * <p>A local backup uses it under {@code LocalBackupSession}, which adds the keyed restore point;
 * a repository agent uses it alone, for blocks sealed on the proxy.
 */
public final class BlockStoreSession implements AutoCloseable {
    private static final int QUEUE = 16;
    /** How often an idle writer looks whether another session waits for its pack. */
    private static final long IDLE_POLL_MILLIS = 20;
    /** How long a commit waits for blocks another session is still storing. */
    private static final Duration BORROWED_WAIT = Duration.ofMinutes(2);

    private record Pending(SealedBlob blob, Runnable written) {
    }

    private static final Pending END = new Pending(null, null);
    /** Written packs waiting to be forced and indexed: two at most, then the writer waits. */
    private static final int UNPUBLISHED = 2;
    private static final Optional<PackWriter> NO_MORE_PACKS = Optional.empty();

    private final RepositoryStorage storage;
    private final RepositoryIndex index;
    private final InFlightBlocks inFlight;
    private final RepositoryLock.Held lock;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private final BlockingQueue<Optional<PackWriter>> written = new ArrayBlockingQueue<>(UNPUBLISHED);
    private final Thread publisher;
    /** Blocks this session did not store because another one does; guarded by {@link #inFlight}. */
    final Set<Fingerprint> borrowed = new HashSet<>();
    private volatile boolean flushRequested;
    private volatile Throwable writerFailure;

    /**
     * Starts a session under {@code lock}, held shared by the calling thread, which then belongs
     * to the session: {@link #close} releases it, on the same thread.
     */
    public BlockStoreSession(RepositoryStorage storage, RepositoryLock.Held lock) throws IOException {
        this.storage = storage;
        this.lock = lock;
        this.inFlight = storage.inFlight();
        try {
            this.index = storage.index();
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        this.writer = Thread.ofPlatform().name("pack-writer").start(this::writePacks);
        this.publisher = Thread.ofPlatform().name("pack-publisher").start(this::publishPacks);
    }

    /**
     * For each fingerprint, whether the caller must store the block: false when the repository
     * holds it or a session (this one or another) is storing it already. Thread-safe.
     */
    public boolean[] claim(List<Fingerprint> fingerprints) {
        return inFlight.claim(this, fingerprints, index);
    }

    /** Whether this session claimed the block and has not yet published it. */
    public boolean holdsClaim(Fingerprint fingerprint) {
        return inFlight.isClaimedBy(fingerprint, this);
    }

    /**
     * Stores a block this session claimed; {@code written} runs once its buffer may be reused.
     * Blocks while the writer is behind. Thread-safe.
     *
     * @throws IOException when writing packs has failed
     * @throws IllegalStateException when the block was not claimed by this session
     */
    public void store(SealedBlob blob, Runnable written) throws IOException {
        failIfWriterFailed();
        if (!holdsClaim(blob.fingerprint())) {
            throw new IllegalStateException("Block " + blob.fingerprint().shortForm() + " was stored without being claimed first.");
        }
        Pending pending = new Pending(blob, written);
        try {
            while (!queue.offer(pending, 100, TimeUnit.MILLISECONDS)) {
                failIfWriterFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing a block");
        }
    }

    /**
     * Makes everything stored durable and indexed, and waits until the blocks this session left
     * to others are too. Call it before committing a restore point that names them.
     *
     * @throws IOException when a pack could not be written, a claimed block never came, or a
     *                     borrowed block was lost; then no restore point may be committed
     */
    public void finish() throws IOException {
        endWriter();
        failIfWriterFailed();
        int neverStored = inFlight.countClaimedBy(this);
        if (neverStored > 0) {
            throw new IOException(neverStored + " block(s) claimed for this backup were never sent. Nothing was committed.");
        }
        inFlight.awaitBorrowed(this, index, BORROWED_WAIT);
    }

    /** Ends the session, finished or not: an unfinished pack is dropped, and the lock released. */
    @Override
    public void close() {
        try {
            for (Thread thread : List.of(writer, publisher)) {
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            written.forEach(pack -> pack.ifPresent(BlockStoreSession::drop));
            inFlight.release(this);
            lock.close();
        }
    }

    /** Another session waits for a block of this one: publish the open pack as soon as the writer is idle. */
    void requestFlush() {
        flushRequested = true;
    }

    private void writePacks() {
        PackWriter pack = null;
        try {
            while (true) {
                Pending next = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next == END) {
                    break;
                }
                if (next == null) {
                    if (flushRequested && pack != null) {
                        handOver(pack);
                        pack = null;
                    }
                    flushRequested = false;
                    continue;
                }
                if (pack == null) {
                    pack = PackWriter.create(storage.layout());
                }
                pack.append(next.blob());
                next.written().run();
                if (pack.size() >= PackFormat.TARGET_BYTES) {
                    handOver(pack);
                    pack = null;
                }
            }
            if (pack != null) {
                handOver(pack);
                pack = null;
            }
            written.put(NO_MORE_PACKS);
        } catch (InterruptedException e) {
            writerFailure = new InterruptedIOException("the backup was stopped");
        } catch (Throwable e) {
            writerFailure = e;
            queue.clear();
        } finally {
            if (pack != null) {
                drop(pack);
            }
        }
    }

    /** Gives a written pack to the publisher; waits while two are still being published. */
    private void handOver(PackWriter pack) throws InterruptedException {
        written.put(Optional.of(pack));
    }

    private void publishPacks() {
        try {
            while (true) {
                Optional<PackWriter> next = written.take();
                if (next.isEmpty()) {
                    return;
                }
                publish(next.get());
            }
        } catch (InterruptedException e) {
            writerFailure = new InterruptedIOException("the backup was stopped");
        } catch (Throwable e) {
            writerFailure = e;
            queue.clear();
            written.forEach(pack -> pack.ifPresent(BlockStoreSession::drop));
            written.clear();
        }
    }

    /** Makes a pack durable and findable; only then do its blocks stop being this session's claims. */
    private void publish(PackWriter pack) throws IOException {
        List<IndexEntry> entries = pack.finish();
        index.publish(entries);
        inFlight.published(this, entries);
    }

    private static void drop(PackWriter pack) {
        try {
            pack.close();
        } catch (IOException ignored) {
            // the unfinished pack is in tmp/, which the next prune empties
        }
    }

    private void endWriter() throws IOException {
        try {
            while (writer.isAlive() && !queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                failIfWriterFailed();
            }
            writer.join();
            while (publisher.isAlive()) {
                if (writerFailure != null) {
                    publisher.interrupt();
                }
                publisher.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the packs");
        }
    }

    private void failIfWriterFailed() throws IOException {
        Throwable failure = writerFailure;
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure != null) {
            throw new IOException("Writing a pack failed: " + failure, failure);
        }
    }
}
