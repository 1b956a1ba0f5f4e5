package io.bulwark.agent.repository.points;

import io.bulwark.agent.repository.Durable;
import io.bulwark.agent.repository.RepositoryLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A repository's restore point files as bytes, without the key: which points exist, their files,
 * and the durable commit of a new one. A repository agent stores points with it that only the
 * proxy can read; {@link PointStore} reads and writes them with the key.
 */
public final class PointFiles {
    private static final int META_HEADER_BYTES = 8 + 16 + 12;

    private final RepositoryLayout layout;

    public PointFiles(RepositoryLayout layout) {
        this.layout = layout;
    }

    /** The points whose metadata file is there, in no particular order. */
    public List<PointId> list() throws IOException {
        try (Stream<Path> files = Files.list(layout.points())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".meta"))
                    .map(name -> new PointId(name.substring(0, name.length() - ".meta".length())))
                    .toList();
        }
    }

    /**
     * A point's metadata file, sealed as stored.
     *
     * @throws java.nio.file.NoSuchFileException when the point was forgotten meanwhile
     */
    public byte[] readMeta(PointId id) throws IOException {
        return Files.readAllBytes(meta(id));
    }

    public Path meta(PointId id) {
        return layout.points().resolve(id.hex() + ".meta");
    }

    public Path table(PointId id) {
        return layout.points().resolve(id.hex() + ".blocks");
    }

    /** Where a new point's table is written until {@link #commit} moves it into place. */
    public Path temporaryTable(PointId id) {
        return layout.tmp().resolve(id.hex() + ".blocks");
    }

    /** Whether either file of the point is in place. */
    public boolean exists(PointId id) {
        return Files.exists(meta(id)) || Files.exists(table(id));
    }

    /**
     * Commits a point whose table is finished in {@link #temporaryTable}: first the table, then
     * the metadata, each durably. Until the metadata file is in place the point does not exist,
     * and a crash leaves only garbage for the next prune.
     */
    public void commit(PointId id, byte[] sealedMeta) throws IOException {
        Durable.publish(temporaryTable(id), table(id));
        Durable.write(layout.tmp(), meta(id), sealedMeta);
    }

    /** Forgets a point: its metadata first, so that it is gone at once; its table follows. */
    public void delete(PointId id) throws IOException {
        Files.deleteIfExists(meta(id));
        Files.deleteIfExists(table(id));
        Durable.forceDirectory(layout.points());
    }

    /** Tables with no metadata beside them: left by backups that never committed. */
    public List<Path> orphanTables() throws IOException {
        try (Stream<Path> files = Files.list(layout.points())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".blocks"))
                    .filter(f -> !Files.exists(f.resolveSibling(f.getFileName().toString().replace(".blocks", ".meta"))))
                    .toList();
        }
    }

    /**
     * Checks, without the key, that a new point's uploaded table and metadata are files of point
     * {@code id}: their magic and the point id in their headers. What is encrypted the proxy vouches
     * for; this keeps a confused or hostile client from committing something that is not a point.
     */
    public void checkUpload(PointId id, byte[] sealedMeta) throws IOException {
        if (sealedMeta.length < META_HEADER_BYTES + PointFormat.TAG_BYTES
                || !Arrays.equals(sealedMeta, 0, 8, PointFormat.META_MAGIC, 0, 8)
                || !Arrays.equals(sealedMeta, 8, 24, id.bytes(), 0, 16)) {
            throw new PointStore.DamagedPointException(id, "the metadata sent is not a metadata file of this point");
        }
        Path table = temporaryTable(id);
        ByteBuffer header = ByteBuffer.allocate(PointFormat.BLOCKS_HEADER_BYTES);
        try (FileChannel channel = FileChannel.open(table, StandardOpenOption.READ)) {
            while (header.hasRemaining()) {
                if (channel.read(header) < 0) {
                    break;
                }
            }
            if (header.hasRemaining() || channel.size() < PointFormat.BLOCKS_HEADER_BYTES + PointFormat.TAG_BYTES
                    || !Arrays.equals(header.array(), 0, 8, PointFormat.BLOCKS_MAGIC, 0, 8)
                    || !Arrays.equals(header.array(), 8, 24, id.bytes(), 0, 16)) {
                throw new PointStore.DamagedPointException(id, "the table sent is not a block table of this point");
            }
        }
    }
}
