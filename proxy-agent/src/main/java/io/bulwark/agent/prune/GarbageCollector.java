package io.bulwark.agent.prune;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.repository.Durable;
import io.bulwark.agent.repository.LocalRepository;
import io.bulwark.agent.repository.index.IndexEntry;
import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.repository.pack.PackFormat;
import io.bulwark.agent.repository.pack.PackId;
import io.bulwark.agent.repository.pack.PackReader;
import io.bulwark.agent.repository.pack.PackWriter;
import io.bulwark.agent.repository.points.BlockTableReader;
import io.bulwark.agent.repository.points.RestorePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Frees the blocks no restore point needs. The caller holds the repository lock exclusively, so no
 * backup is deciding to reuse a block meanwhile. The steps are ordered so that a crash at any point
 * loses nothing: blocks moved out of mostly-empty packs are written and indexed first, then the
 * index is rewritten without the dead entries, and only then are packs deleted.
 */
public final class GarbageCollector {
    /** A pack whose live share falls below this is rewritten; one with none left is deleted. */
    static final double REWRITE_BELOW = 0.5;

    /** What a collection freed. */
    public record Result(long packsDeleted, long packsRewritten, long blocksRemoved, long bytesFreed, long strayFilesRemoved) {
    }

    private final LocalRepository repository;

    public GarbageCollector(LocalRepository repository) {
        this.repository = repository;
    }

    public Result run() throws IOException {
        List<RestorePoint> points = repository.points().list();
        FingerprintFilter needed = mark(points);
        RepositoryIndex index = repository.index();

        Map<PackId, Long> liveBytes = new HashMap<>();
        long deadBlocks = 0;
        for (Iterator<IndexEntry> entries = index.entries(); entries.hasNext(); ) {
            IndexEntry entry = index.find(entries.next().fingerprint()).orElseThrow();
            if (needed.mightContain(entry.fingerprint())) {
                liveBytes.merge(entry.pack(), recordBytes(entry), Long::sum);
            } else {
                deadBlocks++;
            }
        }
        Map<PackId, Long> packSizes = packFiles();
        Set<PackId> delete = new HashSet<>();
        Set<PackId> rewrite = new HashSet<>();
        for (Map.Entry<PackId, Long> pack : packSizes.entrySet()) {
            long live = liveBytes.getOrDefault(pack.getKey(), 0L);
            if (live == 0) {
                delete.add(pack.getKey());
            } else if (live < REWRITE_BELOW * (pack.getValue() - PackFormat.HEADER_BYTES)) {
                rewrite.add(pack.getKey());
            }
        }

        moveLiveBlocks(index, needed, rewrite);
        index.rewrite(entry -> needed.mightContain(entry.fingerprint()) && !delete.contains(entry.pack())
                && !rewrite.contains(entry.pack()));
        long freed = 0;
        Set<PackId> gone = new HashSet<>(delete);
        gone.addAll(rewrite);
        for (PackId pack : gone) {
            freed += packSizes.get(pack);
            Files.deleteIfExists(repository.layout().pack(pack));
        }
        if (!gone.isEmpty()) {
            freed -= liveBytesOf(rewrite, liveBytes);
        }
        long stray = removeStrayFiles();
        repository.reloadIndex();
        return new Result(delete.size(), rewrite.size(), deadBlocks, freed, stray);
    }

    /** Every block some restore point's table names. */
    private FingerprintFilter mark(List<RestorePoint> points) throws IOException {
        FingerprintFilter needed = new FingerprintFilter(points.stream().mapToLong(RestorePoint::recordCount).sum());
        for (RestorePoint point : points) {
            try (BlockTableReader table = repository.points().openTable(point)) {
                while (table.hasNext()) {
                    Fingerprint fingerprint = table.next();
                    if (!fingerprint.isZeroBlock()) {
                        needed.add(fingerprint);
                    }
                }
            } catch (IOException e) {
                throw new IOException("Pruning stopped before deleting anything: " + e.getMessage()
                        + " Every restore point must be readable to know which blocks are still needed.", e);
            }
        }
        return needed;
    }

    /** Copies the needed blocks out of mostly-empty packs into new ones; sealed bytes are copied as they are. */
    private void moveLiveBlocks(RepositoryIndex index, FingerprintFilter needed, Set<PackId> rewrite) throws IOException {
        if (rewrite.isEmpty()) {
            return;
        }
        PackReader packs = repository.packs();
        PackWriter writer = null;
        byte[] buffer = new byte[0];
        try {
            for (Iterator<IndexEntry> entries = index.entries(); entries.hasNext(); ) {
                IndexEntry entry = index.find(entries.next().fingerprint()).orElseThrow();
                if (!rewrite.contains(entry.pack()) || !needed.mightContain(entry.fingerprint())) {
                    continue;
                }
                if (buffer.length < entry.storedLength() + PackFormat.RECORD_HEADER_BYTES) {
                    buffer = new byte[entry.storedLength() + PackFormat.RECORD_HEADER_BYTES];
                }
                PackReader.StoredRecord record;
                try {
                    record = packs.read(entry, buffer);
                } catch (PackReader.PackDamagedException e) {
                    throw new IOException("Pruning stopped: a needed block cannot be moved, " + e.getMessage()
                            + ". Run ./bulwark verify.", e);
                }
                byte[] stored = Arrays.copyOfRange(record.buffer(), record.storedOffset(),
                        record.storedOffset() + record.storedLength());
                if (writer == null) {
                    writer = PackWriter.create(repository.layout());
                }
                writer.append(new SealedBlob(entry.fingerprint(), record.codec(), record.rawLength(), stored, stored.length));
                if (writer.size() >= PackFormat.TARGET_BYTES) {
                    index.publish(writer.finish());
                    writer = null;
                }
            }
            if (writer != null) {
                index.publish(writer.finish());
                writer = null;
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    private Map<PackId, Long> packFiles() throws IOException {
        Map<PackId, Long> sizes = new HashMap<>();
        try (Stream<Path> files = Files.walk(repository.layout().packs(), 2)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pack")).toList()) {
                String name = file.getFileName().toString();
                sizes.put(PackId.parse(name.substring(0, name.length() - ".pack".length())), Files.size(file));
            }
        }
        return sizes;
    }

    /** Leftovers of backups that never finished: unfinished files in tmp/, tables of uncommitted points. */
    private long removeStrayFiles() throws IOException {
        long removed = 0;
        try (Stream<Path> files = Files.list(repository.layout().tmp())) {
            for (Path file : files.toList()) {
                removed += Files.deleteIfExists(file) ? 1 : 0;
            }
        }
        for (Path table : repository.points().orphanTables()) {
            removed += Files.deleteIfExists(table) ? 1 : 0;
        }
        Durable.forceDirectory(repository.layout().points());
        return removed;
    }

    private static long recordBytes(IndexEntry entry) {
        return PackFormat.RECORD_HEADER_BYTES + entry.storedLength();
    }

    private static long liveBytesOf(Set<PackId> packs, Map<PackId, Long> liveBytes) {
        return packs.stream().mapToLong(p -> liveBytes.getOrDefault(p, 0L)).sum();
    }
}
