package io.bulwark.agent.backup;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.repository.points.BlockTableReader;
import io.bulwark.agent.repository.points.RestorePoint;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The base of an incremental backup: a disk's table in the newest restore point that has the disk, read from its table file. */
public final class TablePreviousDisk implements BackupTarget.PreviousDisk {
    private final RestorePoint.Disk disk;
    private final BlockTableReader reader;
    private final Closeable afterClose;

    /**
     * Reads {@code disk} from {@code reader}, from the disk's first record on.
     *
     * @param afterClose runs once the reader is closed, to remove a downloaded table for example
     */
    public TablePreviousDisk(RestorePoint.Disk disk, BlockTableReader reader, Closeable afterClose) {
        this.disk = disk;
        this.reader = reader;
        this.afterClose = afterClose;
        reader.seek(disk.firstRecord());
    }

    /**
     * The newest of {@code points} (oldest first) that has a disk named {@code diskName}, when that
     * disk was backed up with {@code blockSize}: with another block size its table cannot be compared.
     */
    public static Optional<RestorePoint> newestWithDisk(List<RestorePoint> points, String diskName, int blockSize) {
        RestorePoint newest = null;
        for (RestorePoint point : points) {
            if (point.disk(diskName) != null) {
                newest = point;
            }
        }
        return newest == null || newest.disk(diskName).blockSize() != blockSize ? Optional.empty() : Optional.of(newest);
    }

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
        try {
            reader.close();
        } finally {
            afterClose.close();
        }
    }
}
