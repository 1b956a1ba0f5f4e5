package io.bulwark.agent.verify;

import io.bulwark.agent.backup.Progress;
import io.bulwark.agent.blocks.BlockCodec;
import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.Fingerprinter;
import io.bulwark.agent.concurrent.WorkerGroup;
import io.bulwark.agent.repository.LocalRepository;
import io.bulwark.agent.repository.index.IndexEntry;
import io.bulwark.agent.repository.index.IndexFile;
import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.repository.pack.PackReader;
import io.bulwark.agent.repository.points.BlockTableReader;
import io.bulwark.agent.repository.points.PointStore;
import io.bulwark.agent.repository.points.RestorePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads back what a repository holds (all of it, or what chosen restore points need) and says which
 * restore points it could not restore.
 * Every stored block is read once, authenticated, decompressed and fingerprinted again; then every
 * restore point's tables are walked, and each point and disk that needs a damaged or missing block
 * is named. Memory holds the damaged fingerprints only, however large the repository.
 */
public final class HealthCheck {
    private static final int CHUNK = 64;

    /** A restore point that cannot be restored whole, and why. */
    public record DamagedPoint(RestorePoint point, String disk, long damagedBlocks, long missingBlocks, String reason) {
    }

    /** The outcome. Healthy when there are no problems and no damaged points. */
    public record Report(long blocksChecked, long bytesChecked, int pointsChecked, List<String> problems,
                         List<DamagedPoint> damagedPoints) {
        public boolean healthy() {
            return problems.isEmpty() && damagedPoints.isEmpty();
        }
    }

    private final LocalRepository repository;
    private final int workers;

    public HealthCheck(LocalRepository repository, int workers) {
        this.repository = repository;
        this.workers = workers;
    }

    public Report run(Progress progress) throws IOException {
        return run(progress, point -> true);
    }

    /**
     * Checks the chosen restore points: the blocks they need are read back (every block of the
     * repository when every point is chosen), and each chosen point is told damaged when one of
     * its blocks is damaged or missing. A job's health check reads only that job's blocks.
     */
    public Report run(Progress progress, Predicate<RestorePoint> chosen) throws IOException {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        RepositoryIndex index = repository.index();
        for (IndexFile file : index.files()) {
            try {
                file.verifyChecksum();
            } catch (IndexFile.DamagedIndexException e) {
                problems.add(e.getMessage());
            }
        }
        List<RestorePoint> all = new ArrayList<>();
        try (Stream<Path> metas = Files.list(repository.layout().points())) {
            for (Path meta : metas.filter(f -> f.toString().endsWith(".meta")).sorted().toList()) {
                try {
                    all.add(repository.points().read(new io.bulwark.agent.repository.points.PointId(
                            meta.getFileName().toString().replace(".meta", ""))));
                } catch (PointStore.DamagedPointException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        List<RestorePoint> points = all.stream().filter(chosen).toList();
        Set<Fingerprint> needed = points.size() == all.size() ? null : blocksOf(points);

        Set<Fingerprint> damaged = Collections.synchronizedSet(new HashSet<>());
        AtomicLong blocks = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        checkBlocks(index, needed, damaged, problems, blocks, bytes, progress);

        List<DamagedPoint> damagedPoints = new ArrayList<>();
        for (RestorePoint point : points) {
            damagedPoints.addAll(checkPoint(point, index, damaged));
        }
        return new Report(blocks.get(), bytes.get(), points.size(), List.copyOf(problems), damagedPoints);
    }

    /** The stored blocks the points' disks are made of (a table that cannot be read is checkPoint's to report). */
    private Set<Fingerprint> blocksOf(List<RestorePoint> points) {
        Set<Fingerprint> needed = new HashSet<>();
        for (RestorePoint point : points) {
            try (BlockTableReader table = repository.points().openTable(point)) {
                for (RestorePoint.Disk disk : point.disks()) {
                    table.seek(disk.firstRecord());
                    for (long block = 0; block < disk.blockCount(); block++) {
                        Fingerprint fingerprint = table.next();
                        if (!fingerprint.isZeroBlock()) {
                            needed.add(fingerprint);
                        }
                    }
                }
            } catch (IOException e) {
                // checkPoint reads the table again and reports the point damaged with this reason
            }
        }
        return needed;
    }

    /** Reads every indexed block once ({@code only} those, unless null), on every core. */
    private void checkBlocks(RepositoryIndex index, Set<Fingerprint> only, Set<Fingerprint> damaged,
                             List<String> problems, AtomicLong blocks, AtomicLong bytes, Progress progress)
            throws IOException {
        long total = only == null ? index.entryCount() : only.size();
        BlockingQueue<List<IndexEntry>> chunks = new ArrayBlockingQueue<>(workers * 4);
        WorkerGroup threads = new WorkerGroup();
        for (int i = 0; i < workers; i++) {
            threads.start("verify-worker-" + i, () -> {
                BlockCodec codec = repository.keys().newCodec();
                Fingerprinter fingerprinter = repository.keys().newFingerprinter();
                byte[] buffer = new byte[0];
                byte[] block = new byte[0];
                while (true) {
                    List<IndexEntry> chunk = chunks.take();
                    if (chunk.isEmpty()) {
                        return;
                    }
                    for (IndexEntry entry : chunk) {
                        if (buffer.length < entry.storedLength() + 64) {
                            buffer = new byte[entry.storedLength() + 64];
                        }
                        if (block.length < entry.rawLength()) {
                            block = new byte[entry.rawLength()];
                        }
                        Optional<String> problem = checkBlock(entry, codec, fingerprinter, buffer, block);
                        if (problem.isPresent()) {
                            damaged.add(entry.fingerprint());
                            problems.add("Block " + entry.fingerprint().shortForm() + " in pack " + entry.pack()
                                    + " is damaged: " + problem.get() + ".");
                        }
                        blocks.incrementAndGet();
                        bytes.addAndGet(entry.rawLength());
                    }
                }
            });
        }
        try {
            // Every fingerprint once: where the index holds two copies, the first found is the one restores use.
            Iterator<IndexEntry> entries = index.entries();
            List<IndexEntry> chunk = new ArrayList<>(CHUNK);
            long handed = 0;
            progress.update(0, total);
            while (entries.hasNext() && !threads.failed()) {
                Fingerprint fingerprint = entries.next().fingerprint();
                if (only != null && !only.contains(fingerprint)) {
                    continue;
                }
                IndexEntry entry = index.find(fingerprint).orElseThrow();
                chunk.add(entry);
                if (chunk.size() == CHUNK) {
                    threads.handOver(chunks, chunk);
                    chunk = new ArrayList<>(CHUNK);
                }
                if (++handed % 1024 == 0) {
                    progress.update(blocks.get(), total);
                }
            }
            if (!chunk.isEmpty()) {
                threads.handOver(chunks, chunk);
            }
            for (int i = 0; i < workers; i++) {
                threads.handOver(chunks, List.of());
            }
        } catch (IOException | RuntimeException e) {
            threads.fail(e);
        }
        threads.join();
        threads.rethrow();
        progress.update(total, total);
    }

    private Optional<String> checkBlock(IndexEntry entry, BlockCodec codec, Fingerprinter fingerprinter, byte[] buffer,
                                        byte[] block) throws IOException {
        try {
            PackReader.StoredRecord record = repository.packs().read(entry, buffer);
            int length = codec.open(entry.fingerprint(), record.codec(), record.rawLength(), record.buffer(),
                    record.storedOffset(), record.storedLength(), block);
            if (!fingerprinter.of(block, 0, length).equals(entry.fingerprint())) {
                return Optional.of("its content does not match its fingerprint");
            }
            return Optional.empty();
        } catch (PackReader.PackDamagedException | BlockCodec.DamagedBlobException e) {
            return Optional.of(e.getMessage());
        }
    }

    private List<DamagedPoint> checkPoint(RestorePoint point, RepositoryIndex index, Set<Fingerprint> damaged) {
        List<DamagedPoint> result = new ArrayList<>();
        try (BlockTableReader table = repository.points().openTable(point)) {
            for (RestorePoint.Disk disk : point.disks()) {
                table.seek(disk.firstRecord());
                long damagedBlocks = 0;
                long missingBlocks = 0;
                for (long block = 0; block < disk.blockCount(); block++) {
                    Fingerprint fingerprint = table.next();
                    if (fingerprint.isZeroBlock()) {
                        continue;
                    }
                    if (damaged.contains(fingerprint)) {
                        damagedBlocks++;
                    } else if (!index.contains(fingerprint)) {
                        missingBlocks++;
                    }
                }
                if (damagedBlocks > 0 || missingBlocks > 0) {
                    result.add(new DamagedPoint(point, disk.name(), damagedBlocks, missingBlocks,
                            (damagedBlocks > 0 ? damagedBlocks + " damaged block(s)" : "")
                                    + (damagedBlocks > 0 && missingBlocks > 0 ? ", " : "")
                                    + (missingBlocks > 0 ? missingBlocks + " missing block(s)" : "")));
                }
            }
        } catch (IOException e) {
            point.disks().forEach(disk -> result.add(new DamagedPoint(point, disk.name(), 0, 0, e.getMessage())));
        }
        return result;
    }
}
