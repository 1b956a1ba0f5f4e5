package io.bulwark.agent.repository.points;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A restore point's metadata, stored encrypted in {@code points/<id>.meta}: what was backed up,
 * when, and how much. Its block tables are in {@code points/<id>.blocks}.
 *
 * @param disks the disks, in the order their tables follow one another in the blocks file
 */
public record RestorePoint(int version, PointId id, Instant created, String host, List<Disk> disks, Stats stats) {
    public static final int VERSION = 1;
    /** The order of {@code ./bulwark points}: by creation time, ties broken by id. */
    public static final Comparator<RestorePoint> OLDEST_FIRST = Comparator.comparing(RestorePoint::created)
            .thenComparing(p -> p.id().hex());

    /**
     * One disk of the point.
     *
     * @param firstRecord where its table starts in the blocks file, in records
     * @param source      what was read: a path or an NBD URI (never with secrets)
     */
    public record Disk(String name, String source, long size, int blockSize, long blockCount, long firstRecord) {
        public long blockLength(long block) {
            return Math.min(blockSize, size - block * blockSize);
        }
    }

    /**
     * What the backup did.
     *
     * @param bytesRead   read from the source (zero and unchanged regions are not read)
     * @param bytesNew    of blocks the repository did not hold before
     * @param bytesStored written to packs for them, after compression and encryption
     */
    public record Stats(long bytesRead, long bytesNew, long bytesStored, long zeroBlocks, long newBlocks,
                        long durationMillis) {
    }

    public Disk disk(String name) {
        return disks.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    public long recordCount() {
        return disks.stream().mapToLong(Disk::blockCount).sum();
    }
}
