package io.bulwark.agent.repository.points;

import io.bulwark.agent.repository.RepositoryLayout;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;

/** The restore points of a repository, with the key: committing, listing, opening their tables, forgetting. */
public final class PointStore {
    private final PointFiles files;
    private final SecretKey key;

    public PointStore(RepositoryLayout layout, SecretKey key) {
        this(new PointFiles(layout), key);
    }

    public PointStore(PointFiles files, SecretKey key) {
        this.files = files;
        this.key = key;
    }

    /** A new table in {@code tmp/}; {@link #commit} moves it into place with its metadata. */
    public BlockTableWriter newTable(PointId id) throws IOException {
        return new BlockTableWriter(files.temporaryTable(id), key, id);
    }

    /**
     * Commits a point whose table is finished: first the table, then the metadata, each durably.
     * Until the metadata file is in place the point does not exist, and a crash leaves only
     * garbage for the next prune.
     */
    public void commit(RestorePoint point) throws IOException {
        files.commit(point.id(), PointMetaCodec.seal(key, point));
    }

    /** Every readable restore point, oldest first. */
    public List<RestorePoint> list() throws IOException {
        List<RestorePoint> points = new ArrayList<>();
        for (PointId id : files.list()) {
            try {
                points.add(read(id));
            } catch (NoSuchFileException forgottenMeanwhile) {
                // a concurrent forget removed it
            }
        }
        points.sort(RestorePoint.OLDEST_FIRST);
        return points;
    }

    public RestorePoint read(PointId id) throws IOException {
        return PointMetaCodec.open(key, id, files.readMeta(id));
    }

    public BlockTableReader openTable(RestorePoint point) throws IOException {
        return new BlockTableReader(files.table(point.id()), key, point.id(), point.recordCount());
    }

    /** Forgets a point: its metadata first, so that it is gone at once; its table follows. */
    public void delete(PointId id) throws IOException {
        files.delete(id);
    }

    /** Tables with no metadata beside them: left by backups that never committed. */
    public List<Path> orphanTables() throws IOException {
        return files.orphanTables();
    }

    /** A restore point cannot be read. */
    public static final class DamagedPointException extends IOException {
        private final PointId id;

        public DamagedPointException(PointId id, String reason) {
            super("Restore point " + id.shortForm() + " is damaged: " + reason + ".");
            this.id = id;
        }

        public PointId id() {
            return id;
        }
    }
}
