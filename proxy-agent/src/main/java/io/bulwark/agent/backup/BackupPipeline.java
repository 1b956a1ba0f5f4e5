package io.bulwark.agent.backup;

import io.bulwark.agent.backup.BackupMeter.Stage;
import io.bulwark.agent.backup.BackupTarget.PreviousDisk;
import io.bulwark.agent.blocks.BlockCodec;
import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.Fingerprinter;
import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.concurrent.WorkerGroup;
import io.bulwark.agent.repository.points.RestorePoint;
import io.bulwark.agent.source.DiskSource;
import io.bulwark.agent.source.Extent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backs up one disk into a {@link BackupTarget}. A reader thread walks the disk in batches and
 * reads only what it must: regions the source reports as zero, and regions its dirty bitmap
 * reports unchanged since the previous restore point, are recorded without a read. Workers, one
 * per core, check each block for zeroes, fingerprint it, ask the target in one call per batch
 * which blocks it lacks, and compress and encrypt only those. The calling thread puts the
 * fingerprints in disk order into the restore point's table. Memory is two fixed buffer pools,
 * whatever the disk size.
 */
public final class BackupPipeline {
    private static final int BATCH_BYTES = 8 << 20;
    private static final byte[] ZEROES = new byte[4 << 20];

    private enum Kind { ZERO, UNCHANGED, DATA }

    /** Consecutive blocks read together and handled by one worker. */
    private static final class Batch {
        final long sequence;
        final long firstBlock;
        final Kind[] kinds;
        final Fingerprint[] previous;
        final int[] lengths;
        final byte[] data;
        final Fingerprint[] fingerprints;

        Batch(long sequence, long firstBlock, int count, byte[] data) {
            this.sequence = sequence;
            this.firstBlock = firstBlock;
            this.kinds = new Kind[count];
            this.previous = new Fingerprint[count];
            this.lengths = new int[count];
            this.data = data;
            this.fingerprints = new Fingerprint[count];
        }
    }

    private static final Batch END = new Batch(-1, -1, 0, null);

    private final BackupOptions options;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesNew = new AtomicLong();
    private final AtomicLong bytesStored = new AtomicLong();
    private final AtomicLong zeroBlocks = new AtomicLong();
    private final AtomicLong newBlocks = new AtomicLong();
    private final WorkerGroup threads = new WorkerGroup();
    private final BackupMeter meter;

    public BackupPipeline(BackupOptions options) {
        this(options, new BackupMeter());
    }

    /** @param meter hears what the backup reads and stores, and how busy each stage is, as it runs */
    public BackupPipeline(BackupOptions options, BackupMeter meter) {
        this.options = options;
        this.meter = meter;
    }

    /**
     * Backs up {@code source} and commits a restore point, or throws and commits nothing. An
     * interrupt of the calling thread stops it cleanly: nothing is committed.
     */
    public RestorePoint run(DiskSource source, BackupTarget target, Progress progress) throws IOException {
        Instant started = Instant.now();
        meter.begin();
        try {
            return runMetered(source, target, progress, started);
        } finally {
            meter.end();
        }
    }

    private RestorePoint runMetered(DiskSource source, BackupTarget target, Progress progress, Instant started)
            throws IOException {
        int blockSize = options.blockSize();
        long blockCount = (source.size() + blockSize - 1) / blockSize;
        int batchBlocks = Math.max(1, BATCH_BYTES / blockSize);
        int workers = options.workers();
        BufferPool data = new BufferPool(workers * 2 + 2, batchBlocks * blockSize);
        BufferPool sealed = new BufferPool(workers * batchBlocks + 16 + 2, BlockCodec.maxStoredLength(blockSize));
        BlockingQueue<Batch> toWorkers = new ArrayBlockingQueue<>(workers * 2);
        BlockingQueue<Batch> done = new ArrayBlockingQueue<>(workers * 2 + 2);

        Optional<PreviousDisk> previous = target.previous(options.diskName(), blockSize);
        try {
            threads.start("backup-reader", () ->
                    read(source, previous.orElse(null), blockCount, batchBlocks, data, toWorkers, workers));
            for (int i = 0; i < workers; i++) {
                threads.start("backup-worker-" + i, () -> work(target, toWorkers, done, data, sealed));
            }
            collect(source, target, blockCount, batchBlocks, done, progress);
        } catch (IOException | RuntimeException e) {
            threads.fail(e);
        } finally {
            threads.join();
            if (previous.isPresent()) {
                previous.get().close();
            }
        }
        threads.rethrow();
        if (Thread.currentThread().isInterrupted()) {
            // Stopped after the last block: a cancelled backup commits nothing, however far it came.
            throw new InterruptedIOException("the backup was stopped");
        }
        RestorePoint.Disk disk = new RestorePoint.Disk(options.diskName(), source.description(), source.size(),
                blockSize, blockCount, 0);
        long committing = System.nanoTime();
        RestorePoint point = target.commit(disk, new RestorePoint.Stats(bytesRead.get(), bytesNew.get(),
                bytesStored.get(), zeroBlocks.get(), newBlocks.get(), Duration.between(started, Instant.now()).toMillis()));
        meter.busy(Stage.TARGET, System.nanoTime() - committing, 1);
        return point;
    }

    /** The reader: decides per block whether it must be read, and reads runs of blocks at once. */
    private void read(DiskSource source, PreviousDisk previous, long blockCount, int batchBlocks, BufferPool data,
                      BlockingQueue<Batch> toWorkers, int workers) throws IOException {
        int blockSize = options.blockSize();
        long previousBlocks = previous == null ? 0 : previous.disk().blockCount();
        long previousSize = previous == null ? 0 : previous.disk().size();
        boolean incrementalByMap = previous != null && source.tracksChanges();
        ExtentWalker extents = new ExtentWalker(source);
        long sequence = 0;
        for (long first = 0; first < blockCount; first += batchBlocks) {
            int count = (int) Math.min(batchBlocks, blockCount - first);
            Batch batch = new Batch(sequence++, first, count, data.take());
            long working = System.nanoTime();
            int runStart = -1;
            for (int i = 0; i < count; i++) {
                long block = first + i;
                long offset = block * blockSize;
                int length = (int) Math.min(blockSize, source.size() - offset);
                batch.lengths[i] = length;
                if (block < previousBlocks) {
                    batch.previous[i] = previous.next();
                }
                // A block that was shorter in the previous point (the disk grew) cannot be taken over.
                boolean previousWhole = block < previousBlocks && offset + length <= previousSize;
                ExtentWalker.Summary summary = extents.summarise(offset, length);
                if (summary.allZero()) {
                    batch.kinds[i] = Kind.ZERO;
                } else if (incrementalByMap && previousWhole && !summary.anyDirty()) {
                    batch.kinds[i] = Kind.UNCHANGED;
                } else {
                    batch.kinds[i] = Kind.DATA;
                }
                boolean reading = batch.kinds[i] == Kind.DATA;
                if (reading && runStart < 0) {
                    runStart = i;
                }
                if (runStart >= 0 && (!reading || i == count - 1)) {
                    int runEnd = reading ? i + 1 : i;
                    readRun(source, batch, runStart, runEnd, blockSize);
                    runStart = -1;
                }
            }
            meter.busy(Stage.SOURCE, System.nanoTime() - working, 1);
            put(toWorkers, batch);
        }
        for (int i = 0; i < workers; i++) {
            put(toWorkers, END);
        }
    }

    private void readRun(DiskSource source, Batch batch, int from, int to, int blockSize) throws IOException {
        long offset = (batch.firstBlock + from) * blockSize;
        int length = 0;
        for (int i = from; i < to; i++) {
            length += batch.lengths[i];
        }
        source.read(offset, batch.data, from * blockSize, length);
        bytesRead.addAndGet(length);
        meter.read(length);
    }

    /** A worker: zero check, fingerprint, one claim per batch, then compress and encrypt what is new. */
    private void work(BackupTarget target, BlockingQueue<Batch> toWorkers, BlockingQueue<Batch> done, BufferPool data,
                      BufferPool sealed) throws IOException {
        Fingerprinter fingerprinter = target.keys().newFingerprinter();
        BlockCodec codec = target.keys().newCodec();
        int blockSize = options.blockSize();
        int workers = options.workers();
        // Sending a block to a repository agent is the network's time; storing it here is the target's.
        Stage storing = target.acrossNetwork() ? Stage.NETWORK : Stage.TARGET;
        while (true) {
            Batch batch = take(toWorkers);
            if (batch == END) {
                return;
            }
            long mark = System.nanoTime();
            List<Fingerprint> unknown = new ArrayList<>();
            List<Integer> unknownAt = new ArrayList<>();
            for (int i = 0; i < batch.kinds.length; i++) {
                int offset = i * blockSize;
                int length = batch.lengths[i];
                Fingerprint fingerprint = switch (batch.kinds[i]) {
                    case ZERO -> Fingerprint.ZERO_BLOCK;
                    case UNCHANGED -> batch.previous[i];
                    case DATA -> Arrays.mismatch(batch.data, offset, offset + length, ZEROES, 0, length) < 0
                            ? Fingerprint.ZERO_BLOCK : fingerprinter.of(batch.data, offset, length);
                };
                batch.fingerprints[i] = fingerprint;
                if (fingerprint.isZeroBlock()) {
                    zeroBlocks.incrementAndGet();
                } else if (batch.kinds[i] == Kind.DATA && !fingerprint.equals(batch.previous[i])) {
                    unknown.add(fingerprint);
                    unknownAt.add(i);
                }
            }
            mark = meter(Stage.PROXY, mark, workers);
            boolean[] mine = unknown.isEmpty() ? new boolean[0] : target.claim(unknown);
            mark = meter(Stage.TARGET, mark, workers);
            for (int u = 0; u < mine.length; u++) {
                if (mine[u]) {
                    int i = unknownAt.get(u);
                    // Waiting for a sealed buffer is waiting for the stage that frees them: the store.
                    byte[] buffer = sealed.take();
                    mark = meter(storing, mark, workers);
                    SealedBlob blob = codec.seal(unknown.get(u), batch.data, i * blockSize, batch.lengths[i],
                            options.compression(), buffer);
                    newBlocks.incrementAndGet();
                    bytesNew.addAndGet(batch.lengths[i]);
                    bytesStored.addAndGet(blob.storedLength());
                    meter.stored(blob.storedLength());
                    mark = meter(Stage.PROXY, mark, workers);
                    target.store(blob, () -> sealed.release(buffer));
                    mark = meter(storing, mark, workers);
                }
            }
            data.release(batch.data);
            put(done, batch);
        }
    }

    /** Adds the time since {@code mark} to {@code stage}; returns now, the next mark. */
    private long meter(Stage stage, long mark, int threads) {
        long now = System.nanoTime();
        meter.busy(stage, now - mark, threads);
        return now;
    }

    /** The calling thread: puts fingerprints in disk order into the table, and reports progress. */
    private void collect(DiskSource source, BackupTarget target, long blockCount, int batchBlocks,
                         BlockingQueue<Batch> done, Progress progress) throws IOException {
        long batches = (blockCount + batchBlocks - 1) / batchBlocks;
        TreeMap<Long, Batch> waiting = new TreeMap<>();
        long next = 0;
        long processed = 0;
        progress.update(0, source.size());
        while (next < batches) {
            threads.rethrow();
            Batch batch = poll(done);
            if (batch == null) {
                continue;
            }
            waiting.put(batch.sequence, batch);
            while (!waiting.isEmpty() && waiting.firstKey() == next) {
                Batch ready = waiting.pollFirstEntry().getValue();
                long appending = System.nanoTime();
                for (int i = 0; i < ready.fingerprints.length; i++) {
                    target.append(ready.fingerprints[i]);
                    processed += ready.lengths[i];
                }
                meter.busy(Stage.TARGET, System.nanoTime() - appending, 1);
                next++;
                progress.update(processed, source.size());
            }
        }
    }



    private static void put(BlockingQueue<Batch> queue, Batch batch) throws InterruptedIOException {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the backup was stopped");
        }
    }

    private static Batch take(BlockingQueue<Batch> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the backup was stopped");
        }
    }

    private static Batch poll(BlockingQueue<Batch> queue) throws InterruptedIOException {
        try {
            return queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the backup was stopped");
        }
    }


    /** Walks the source's map forward, asking for it a gigabyte at a time. */
    static final class ExtentWalker {
        record Summary(boolean allZero, boolean anyDirty) {
        }

        private final DiskSource source;
        private Iterator<Extent> extents = java.util.Collections.emptyIterator();
        private Extent current;
        private long mappedTo;

        ExtentWalker(DiskSource source) {
            this.source = source;
        }

        /** What the map says about {@code [offset, offset + length)}; calls must move forward. */
        Summary summarise(long offset, long length) throws IOException {
            long end = offset + length;
            boolean allZero = true;
            boolean anyDirty = false;
            long position = offset;
            while (position < end) {
                while (current == null || current.end() <= position) {
                    if (!extents.hasNext()) {
                        long mapLength = Math.min(DiskSource.MAX_MAP_LENGTH, source.size() - mappedTo);
                        extents = source.map(mappedTo, mapLength).iterator();
                        mappedTo += mapLength;
                    }
                    current = extents.next();
                }
                allZero &= current.zero();
                anyDirty |= current.dirty();
                position = Math.min(end, current.end());
            }
            return new Summary(allZero, anyDirty);
        }
    }
}
