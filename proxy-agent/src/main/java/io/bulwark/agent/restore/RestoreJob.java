package io.bulwark.agent.restore;

import io.bulwark.agent.backup.Progress;
import io.bulwark.agent.blocks.BlockCodec;
import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.repository.LocalRepository;
import io.bulwark.agent.repository.index.IndexEntry;
import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.repository.pack.PackReader;
import io.bulwark.agent.repository.points.BlockTableReader;
import io.bulwark.agent.repository.points.RestorePoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one disk of a restore point out to a file, bit for bit as it was, with holes where the
 * disk had zeroes. Every block is authenticated before it is written: AES-GCM checks it together
 * with the fingerprint, codec and length it was sealed with, under a key only the repository's
 * owners hold, and the backup sealed exactly the bytes it fingerprinted. (The health check also
 * recomputes every fingerprint; here that would cost more than the decryption itself, for no
 * further assurance.) A damaged or missing block stops the restore, and the target is left
 * untouched: the disk is
 * written to {@code TARGET.partial} and renamed into place only when every block is right. The
 * file is not forced to disk (as with restic and borg): the operating system writes it back, and
 * whoever needs it durable at once can sync it.
 */
public final class RestoreJob {
    private static final int CHUNK = 16;

    /** What the restore did. */
    public record Result(long bytesWritten, long blocksWritten, long zeroBlocks) {
    }

    private record Chunk(long firstBlock, Fingerprint[] fingerprints) {
    }

    private static final Chunk END = new Chunk(-1, new Fingerprint[0]);

    private final LocalRepository repository;
    private final int workers;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong blocksWritten = new AtomicLong();
    private final AtomicLong zeroBlocks = new AtomicLong();
    private final AtomicLong done = new AtomicLong();

    public RestoreJob(LocalRepository repository, int workers) {
        this.repository = repository;
        this.workers = workers;
    }

    public Result run(RestorePoint point, RestorePoint.Disk disk, Path target, Progress progress)
            throws IOException, RestoreFailedException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        RepositoryIndex index = repository.index();
        BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(workers * 4);
        List<Thread> threads = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(partial.toFile(), "rw");
             BlockTableReader table = repository.points().openTable(point)) {
            file.setLength(disk.size());
            FileChannel channel = file.getChannel();
            for (int i = 0; i < workers; i++) {
                threads.add(Thread.ofPlatform().name("restore-worker-" + i).start(() ->
                        work(point, disk, index, channel, chunks)));
            }
            table.seek(disk.firstRecord());
            progress.update(0, disk.size());
            for (long block = 0; block < disk.blockCount() && failure.get() == null; block += CHUNK) {
                int count = (int) Math.min(CHUNK, disk.blockCount() - block);
                Fingerprint[] fingerprints = new Fingerprint[count];
                for (int i = 0; i < count; i++) {
                    fingerprints[i] = table.next();
                }
                put(chunks, new Chunk(block, fingerprints));
                progress.update(Math.min(disk.size(), done.get()), disk.size());
            }
            for (int i = 0; i < workers; i++) {
                put(chunks, END);
            }
            join(threads);
            rethrow();
        } catch (IOException | RestoreFailedException | RuntimeException e) {
            threads.forEach(Thread::interrupt);
            join(threads);
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.update(disk.size(), disk.size());
        return new Result(bytesWritten.get(), blocksWritten.get(), zeroBlocks.get());
    }

    private void work(RestorePoint point, RestorePoint.Disk disk, RepositoryIndex index, FileChannel channel,
                      BlockingQueue<Chunk> chunks) {
        PackReader packs = repository.packs();
        BlockCodec codec = repository.keys().newCodec();
        byte[] buffer = new byte[BlockCodec.maxStoredLength(disk.blockSize()) + 64];
        byte[] block = new byte[disk.blockSize()];
        try {
            while (true) {
                Chunk chunk = chunks.take();
                if (chunk == END) {
                    return;
                }
                for (int i = 0; i < chunk.fingerprints().length; i++) {
                    long number = chunk.firstBlock() + i;
                    Fingerprint fingerprint = chunk.fingerprints()[i];
                    int length = (int) disk.blockLength(number);
                    if (!fingerprint.isZeroBlock()) {
                        restoreBlock(point, disk, number, fingerprint, length, index, packs, codec, buffer, block,
                                channel);
                    } else {
                        zeroBlocks.incrementAndGet();
                    }
                    done.addAndGet(length);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private void restoreBlock(RestorePoint point, RestorePoint.Disk disk, long number, Fingerprint fingerprint,
                              int length, RepositoryIndex index, PackReader packs, BlockCodec codec,
                              byte[] buffer, byte[] block, FileChannel channel)
            throws IOException, RestoreFailedException {
        long offset = number * disk.blockSize();
        Optional<IndexEntry> entry = index.find(fingerprint);
        if (entry.isEmpty()) {
            throw new RestoreFailedException(point, disk, number, offset, length,
                    "it is missing from the repository (no index entry for " + fingerprint.shortForm() + ")");
        }
        try {
            PackReader.StoredRecord record = packs.read(entry.get(), buffer);
            int read = codec.open(fingerprint, record.codec(), record.rawLength(), record.buffer(),
                    record.storedOffset(), record.storedLength(), block);
            if (read != length) {
                throw new RestoreFailedException(point, disk, number, offset, length,
                        "it holds " + read + " bytes where the disk had " + length);
            }
        } catch (BlockCodec.DamagedBlobException | PackReader.PackDamagedException e) {
            throw new RestoreFailedException(point, disk, number, offset, length, e.getMessage());
        }
        ByteBuffer data = ByteBuffer.wrap(block, 0, length);
        long position = offset;
        while (data.hasRemaining()) {
            position += channel.write(data, position);
        }
        bytesWritten.addAndGet(length);
        blocksWritten.incrementAndGet();
    }

    private void put(BlockingQueue<Chunk> chunks, Chunk chunk) throws InterruptedIOException {
        try {
            while (!chunks.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the restore was stopped");
        }
    }

    private void rethrow() throws IOException, RestoreFailedException {
        Throwable e = failure.get();
        if (e instanceof RestoreFailedException restore) {
            throw restore;
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
    }

    private static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A block of the point cannot be restored; nothing was written to the target. */
    public static final class RestoreFailedException extends Exception {
        RestoreFailedException(RestorePoint point, RestorePoint.Disk disk, long block, long offset, int length,
                               String reason) {
            super("Restore point " + point.id().shortForm() + " cannot be restored: block " + block + " of disk '"
                    + disk.name() + "' (bytes " + offset + " to " + (offset + length) + ") is damaged: " + reason
                    + ". The target was not written. Run ./bulwark verify to see every damaged restore point.");
        }
    }
}
