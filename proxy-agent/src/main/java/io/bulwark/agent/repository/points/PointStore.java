package io.bulwark.agent.repository.points;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bulwark.agent.repository.Durable;
import io.bulwark.agent.repository.RepositoryLayout;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** The restore points of a repository: committing, listing, opening their tables, forgetting. */
public final class PointStore {
    private final RepositoryLayout layout;
    private final SecretKey key;

    public PointStore(RepositoryLayout layout, SecretKey key) {
        this.layout = layout;
        this.key = key;
    }

    /** A new table in {@code tmp/}; {@link #commit} moves it into place with its metadata. */
    public BlockTableWriter newTable(PointId id) throws IOException {
        return new BlockTableWriter(temporaryTable(id), key, id);
    }

    /**
     * Commits a point whose table is finished: first the table, then the metadata, each durably.
     * Until the metadata file is in place the point does not exist, and a crash leaves only
     * garbage for the next prune.
     */
    public void commit(RestorePoint point) throws IOException {
        Durable.publish(temporaryTable(point.id()), blocksFile(point.id()));
        Durable.write(layout.tmp(), metaFile(point.id()), seal(point));
    }

    /** Every readable restore point, oldest first. */
    public List<RestorePoint> list() throws IOException {
        List<RestorePoint> points = new ArrayList<>();
        try (Stream<Path> files = Files.list(layout.points())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".meta")).toList()) {
                try {
                    points.add(read(file));
                } catch (NoSuchFileException forgottenMeanwhile) {
                    // a concurrent forget removed it
                }
            }
        }
        points.sort(Comparator.comparing(RestorePoint::created).thenComparing(p -> p.id().hex()));
        return points;
    }

    public RestorePoint read(PointId id) throws IOException {
        return read(metaFile(id));
    }

    public BlockTableReader openTable(RestorePoint point) throws IOException {
        return new BlockTableReader(blocksFile(point.id()), key, point.id(), point.recordCount());
    }

    /** Forgets a point: its metadata first, so that it is gone at once; its table follows. */
    public void delete(PointId id) throws IOException {
        Files.deleteIfExists(metaFile(id));
        Files.deleteIfExists(blocksFile(id));
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

    private byte[] seal(RestorePoint point) throws IOException {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(PointFormat.metaAad(point.id()));
            byte[] sealed = cipher.doFinal(ApiJson.mapper().writeValueAsBytes(point));
            return ByteBuffer.allocate(8 + 16 + 12 + sealed.length).put(PointFormat.META_MAGIC).put(point.id().bytes())
                    .put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt restore point metadata", e);
        }
    }

    private RestorePoint read(Path file) throws IOException {
        String name = file.getFileName().toString();
        PointId id = new PointId(name.substring(0, name.length() - ".meta".length()));
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8 + 16 + 12 + 16 || !Arrays.equals(Arrays.copyOf(all, 8), PointFormat.META_MAGIC)
                || !Arrays.equals(Arrays.copyOfRange(all, 8, 24), id.bytes())) {
            throw new DamagedPointException(id, "its metadata file is not one");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 24, 12));
            cipher.updateAAD(PointFormat.metaAad(id));
            byte[] json = cipher.doFinal(all, 36, all.length - 36);
            RestorePoint point = ApiJson.mapper().readValue(json, RestorePoint.class);
            if (!point.id().equals(id)) {
                throw new DamagedPointException(id, "its metadata names another point");
            }
            return point;
        } catch (AEADBadTagException e) {
            throw new DamagedPointException(id, "its metadata fails authentication");
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new DamagedPointException(id, "its metadata cannot be read: " + e.getMessage());
        }
    }

    private Path metaFile(PointId id) {
        return layout.points().resolve(id.hex() + ".meta");
    }

    private Path blocksFile(PointId id) {
        return layout.points().resolve(id.hex() + ".blocks");
    }

    private Path temporaryTable(PointId id) {
        return layout.tmp().resolve(id.hex() + ".blocks");
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
