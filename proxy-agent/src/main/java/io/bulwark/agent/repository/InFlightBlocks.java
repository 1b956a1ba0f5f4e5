package io.bulwark.agent.repository;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.repository.index.IndexEntry;
import io.bulwark.agent.repository.index.RepositoryIndex;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocks that backups into one repository have claimed and not yet published in a pack, and
 * which session stores each. A block one session stores is not sent again by another: that one
 * borrows it, and before it commits waits until the block is durable, so that its restore point
 * never names a block a failed session lost. One per open repository; thread-safe.
 */
public final class InFlightBlocks {
    private final Map<Fingerprint, BlockStoreSession> owners = new HashMap<>();

    /**
     * For each fingerprint, whether {@code claimant} must store the block: false when the index
     * holds it or a session is storing it already; a block another session stores is borrowed.
     */
    synchronized boolean[] claim(BlockStoreSession claimant, List<Fingerprint> fingerprints, RepositoryIndex index) {
        boolean[] mine = new boolean[fingerprints.size()];
        for (int i = 0; i < mine.length; i++) {
            Fingerprint fingerprint = fingerprints.get(i);
            BlockStoreSession owner = owners.get(fingerprint);
            if (owner != null) {
                if (owner != claimant) {
                    claimant.borrowed.add(fingerprint);
                }
            } else if (!index.contains(fingerprint)) {
                owners.put(fingerprint, claimant);
                mine[i] = true;
            }
        }
        return mine;
    }

    synchronized boolean isClaimedBy(Fingerprint fingerprint, BlockStoreSession session) {
        return owners.get(fingerprint) == session;
    }

    synchronized int countClaimedBy(BlockStoreSession session) {
        return (int) owners.values().stream().filter(owner -> owner == session).count();
    }

    /** The blocks of a pack are indexed: they stop being anybody's claim. */
    synchronized void published(BlockStoreSession owner, List<IndexEntry> entries) {
        for (IndexEntry entry : entries) {
            owners.remove(entry.fingerprint(), owner);
        }
        notifyAll();
    }

    /** A session ends: what it claimed and did not publish is lost, and whoever borrowed it will hear so. */
    synchronized void release(BlockStoreSession owner) {
        owners.values().removeIf(o -> o == owner);
        notifyAll();
    }

    /**
     * Waits until every block {@code claimant} borrowed is in the index, asking the sessions that
     * store them to publish their packs early.
     *
     * @throws IOException when a borrowed block was lost with its session, or the wait ran out
     */
    synchronized void awaitBorrowed(BlockStoreSession claimant, RepositoryIndex index, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        Set<Fingerprint> waiting = claimant.borrowed;
        while (true) {
            Set<BlockStoreSession> storing = new HashSet<>();
            int lost = 0;
            for (Iterator<Fingerprint> iterator = waiting.iterator(); iterator.hasNext(); ) {
                Fingerprint fingerprint = iterator.next();
                BlockStoreSession owner = owners.get(fingerprint);
                if (owner != null && owner != claimant) {
                    storing.add(owner);
                } else if (owner == null && !index.contains(fingerprint)) {
                    lost++;
                } else {
                    iterator.remove();
                }
            }
            if (lost > 0) {
                throw new IOException("Another backup into this repository was storing " + lost + " block(s) of this"
                        + " backup and failed before they were durable. Nothing was committed; run this backup again.");
            }
            if (waiting.isEmpty()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("Another backup into this repository has not stored " + waiting.size() + " block(s)"
                        + " this backup needs after " + limit.toSeconds() + " s. Nothing was committed; run this backup again.");
            }
            storing.forEach(BlockStoreSession::requestFlush);
            try {
                wait(Math.max(1, Math.min(100, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for another backup's blocks");
            }
        }
    }
}
