package io.bulwark.agent.scale;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.prune.GarbageCollector;
import io.bulwark.agent.repository.LocalRepository;
import io.bulwark.agent.repository.index.IndexEntry;
import io.bulwark.agent.repository.index.IndexFile;
import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.repository.pack.PackId;
import io.bulwark.agent.repository.points.BlockTableWriter;
import io.bulwark.agent.repository.points.PointId;
import io.bulwark.agent.repository.points.RestorePoint;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Run in a JVM with a 1 GiB heap by {@link ScaleTest}: builds the index and a restore point of a
 * repository of ten million blocks (10 TiB at 1 MiB) without their data, then does what grows with
 * the block count: merging index files, lookups, and a garbage collection over a table of ten
 * million blocks. Prints the peak heap used and exits 0 when every check held.
 */
public final class TenMillionBlocks {
    static final long BLOCKS = 10_000_000;
    static final int FILES = 8;
    static final int BLOCKS_PER_PACK = 16;

    private TenMillionBlocks() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        String password = "scale";
        LocalRepository.init(directory, password, null, Clock.systemUTC());
        try (LocalRepository repository = LocalRepository.open(directory, password)) {
            long perFile = BLOCKS / FILES;
            for (int file = 0; file < FILES; file++) {
                Path temporary = repository.layout().tmp().resolve("scale-" + file + ".idx");
                IndexFile.write(temporary, perFile, entries(file, perFile));
                Files.move(temporary, repository.layout().index().resolve("scale-" + file + ".idx"));
            }
            RepositoryIndex index = repository.index();
            check(index.entryCount() == BLOCKS, "index holds every entry");

            // One more small file completes nothing, but publishing runs the tier merge when a tier is full.
            index.publish(List.of(entry(new SplittableRandom(99), PackId.random(), 0)));
            check(index.files().size() <= 2, "the eight large files were merged, " + index.files().size() + " left");

            SplittableRandom probe = new SplittableRandom(5);
            for (int i = 0; i < 100_000; i++) {
                int file = probe.nextInt(FILES);
                long position = probe.nextLong(perFile);
                Fingerprint present = fingerprint(file, position);
                check(index.contains(present), "a stored block is found");
                check(!index.contains(new Fingerprint(probe.nextLong(), 1, 2, 3)), "an absent block is not found");
            }

            PointId id = PointId.random();
            try (BlockTableWriter table = repository.points().newTable(id)) {
                for (int file = 0; file < FILES; file++) {
                    for (long position = 0; position < perFile; position++) {
                        table.append(fingerprint(file, position));
                    }
                }
                table.finish();
            }
            repository.points().commit(new RestorePoint(RestorePoint.VERSION, id, Instant.now(), "scale",
                    List.of(new RestorePoint.Disk("ten-tib", "synthetic", BLOCKS << 20, 1 << 20, BLOCKS, 0)),
                    new RestorePoint.Stats(0, 0, 0, 0, 0, 0)));
            GarbageCollector.Result result = new GarbageCollector(repository).run();
            check(result.blocksRemoved() == 1, "only the unreferenced block is garbage, not " + result.blocksRemoved());
            check(repository.index().entryCount() == BLOCKS, "every referenced block stays indexed");
        }
        System.out.printf("ten million blocks: peak heap %d MiB of %d MiB%n", peakHeap() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The entries of one file, in fingerprint order: the file number is the fingerprint's top byte. */
    private static Iterator<IndexEntry> entries(int file, long count) {
        return new Iterator<>() {
            private long next;
            private PackId pack = PackId.random();

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public IndexEntry next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                if (next % BLOCKS_PER_PACK == 0) {
                    pack = PackId.random();
                }
                return new IndexEntry(fingerprint(file, next++), pack, 32, 1 << 19, 1 << 20);
            }
        };
    }

    /** A fingerprint that sorts by (file, position), so each file is written in order without sorting. */
    static Fingerprint fingerprint(int file, long position) {
        return new Fingerprint(((long) file << 56) | position, position * 0x9E3779B97F4A7C15L, file, position ^ 0x5DEECE66DL);
    }

    private static IndexEntry entry(SplittableRandom random, PackId pack, long offset) {
        return new IndexEntry(new Fingerprint(-1, random.nextLong(), random.nextLong(), random.nextLong()), pack, offset, 10, 10);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("scale check failed: " + what);
        }
    }
}
