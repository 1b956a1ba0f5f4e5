package io.bulwark.agent.backup;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.repository.LocalRepository;
import io.bulwark.agent.repository.RepositoryKeys;
import io.bulwark.agent.repository.RepositoryLock;
import io.bulwark.agent.repository.index.IndexEntry;
import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.repository.pack.PackFormat;
import io.bulwark.agent.repository.pack.PackWriter;
import io.bulwark.agent.repository.points.BlockTableReader;
import io.bulwark.agent.repository.points.BlockTableWriter;
import io.bulwark.agent.repository.points.PointId;
import io.bulwark.agent.repository.points.RestorePoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A backup into a repository folder on this host. It holds the repository lock shared for its
 * whole run, so a prune cannot delete blocks it has decided to reuse. Blocks go to packs on a
 * writer thread; each finished pack is published with an index file of its own at once, so a
 * backup killed half-way leaves its stored blocks for the next one to reuse.
 */
public final class LocalBackupSession implements BackupTarget {
    private static final int QUEUE = 16;

    private record Pending(SealedBlob blob, Runnable written) {
    }

    private static final Pending END = new Pending(null, null);

    private final LocalRepository repository;
    private final RepositoryIndex index;
    private final RepositoryLock.Held lock;
    private final Clock clock;
    private final PointId pointId;
    private final BlockTableWriter table;
    private final Set<Fingerprint> claimed = new HashSet<>();
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private volatile Throwable writerFailure;
    private boolean committed;

    public LocalBackupSession(LocalRepository repository, RepositoryLock.Held lock, Clock clock) throws IOException {
        this.repository = repository;
        this.lock = lock;
        this.clock = clock;
        this.index = repository.index();
        this.pointId = repository.newPointId();
        this.table = repository.points().newTable(pointId);
        this.writer = Thread.ofPlatform().name("pack-writer").start(this::writePacks);
    }

    @Override
    public RepositoryKeys keys() {
        return repository.keys();
    }

    @Override
    public Optional<PreviousDisk> previous(String diskName, int blockSize) throws IOException {
        RestorePoint newest = null;
        for (RestorePoint point : repository.points().list()) {
            if (point.disk(diskName) != null) {
                newest = point;
            }
        }
        if (newest == null || newest.disk(diskName).blockSize() != blockSize) {
            return Optional.empty();
        }
        RestorePoint.Disk disk = newest.disk(diskName);
        BlockTableReader reader = repository.points().openTable(newest);
        reader.seek(disk.firstRecord());
        return Optional.of(new PreviousDisk() {
            @Override
            public RestorePoint.Disk disk() {
                return disk;
            }

            @Override
            public Fingerprint next() throws IOException {
                return reader.next();
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        });
    }

    @Override
    public boolean[] claim(List<Fingerprint> fingerprints) {
        boolean[] mine = new boolean[fingerprints.size()];
        synchronized (claimed) {
            for (int i = 0; i < mine.length; i++) {
                Fingerprint fingerprint = fingerprints.get(i);
                mine[i] = !claimed.contains(fingerprint) && !index.contains(fingerprint) && claimed.add(fingerprint);
            }
        }
        return mine;
    }

    @Override
    public void store(SealedBlob blob, Runnable written) throws IOException {
        failIfWriterFailed();
        try {
            queue.put(new Pending(blob, written));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing a block");
        }
    }

    @Override
    public void append(Fingerprint fingerprint) throws IOException {
        table.append(fingerprint);
    }

    @Override
    public RestorePoint commit(RestorePoint.Disk disk, RestorePoint.Stats stats) throws IOException {
        endWriter();
        failIfWriterFailed();
        table.finish();
        RestorePoint point = new RestorePoint(RestorePoint.VERSION, pointId, clock.instant(), hostname(),
                List.of(disk), stats);
        repository.points().commit(point);
        committed = true;
        return point;
    }

    @Override
    public void close() throws IOException {
        try {
            if (writer.isAlive()) {
                writer.interrupt();
                endWriter();
            }
            if (!committed) {
                table.close();
                java.nio.file.Files.deleteIfExists(repository.layout().tmp().resolve(pointId.hex() + ".blocks"));
            }
        } finally {
            lock.close();
        }
    }

    private void writePacks() {
        PackWriter pack = null;
        try {
            while (true) {
                Pending next = queue.take();
                if (next == END) {
                    break;
                }
                if (pack == null) {
                    pack = PackWriter.create(repository.layout());
                }
                pack.append(next.blob());
                next.written().run();
                if (pack.size() >= PackFormat.TARGET_BYTES) {
                    publish(pack);
                    pack = null;
                }
            }
            if (pack != null) {
                publish(pack);
                pack = null;
            }
        } catch (InterruptedException e) {
            writerFailure = new InterruptedIOException("the backup was stopped");
        } catch (Throwable e) {
            writerFailure = e;
            queue.clear();
        } finally {
            if (pack != null) {
                try {
                    pack.close();
                } catch (IOException ignored) {
                    // the unfinished pack is in tmp/, which the next prune empties
                }
            }
        }
    }

    /** Makes a pack durable and findable; only then do its blocks stop being this session's claims. */
    private void publish(PackWriter pack) throws IOException {
        List<IndexEntry> entries = pack.finish();
        index.publish(entries);
        synchronized (claimed) {
            entries.forEach(entry -> claimed.remove(entry.fingerprint()));
        }
    }

    private void endWriter() throws IOException {
        try {
            while (writer.isAlive() && !queue.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                failIfWriterFailed();
            }
            writer.join();
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

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
