package io.bulwark.agent.repository;

import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.repository.pack.PackReader;
import io.bulwark.agent.repository.points.PointId;
import io.bulwark.agent.repository.points.PointStore;
import io.bulwark.agent.repository.points.RestorePoint;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A repository in a local folder, open with its password: the keyless {@link RepositoryStorage}
 * (index, packs, restore point files, the lock that keeps pruning and backups apart) and the keys
 * that read and write what is encrypted.
 */
public final class LocalRepository implements AutoCloseable {
    private final RepositoryStorage storage;
    private final RepositoryKeys keys;
    private final PointStore points;

    private LocalRepository(RepositoryStorage storage, RepositoryKeys keys) {
        this.storage = storage;
        this.keys = keys;
        this.points = new PointStore(storage.pointFiles(), keys.encryptionKey());
    }

    /** Makes a new, empty repository in {@code directory}, which must be missing or empty. */
    public static void init(Path directory, String password, String hint, Clock clock) throws IOException, RepositoryException {
        RepositoryLayout layout = new RepositoryLayout(directory);
        if (Files.exists(layout.config())) {
            throw new RepositoryException("There is already a Bulwark repository at " + directory + ".");
        }
        if (Files.isDirectory(directory)) {
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new RepositoryException(directory + " is not empty. Give an empty or new folder for the repository.");
                }
            }
        }
        for (Path folder : List.of(directory, layout.packs(), layout.index(), layout.points(), layout.tmp(),
                layout.keyFile().getParent(), layout.lockFile().getParent())) {
            Files.createDirectories(folder);
        }
        UUID id = UUID.randomUUID();
        byte[] material = new byte[RepositoryKeys.MATERIAL_BYTES];
        new SecureRandom().nextBytes(material);
        KeyFile keyFile = KeyFile.create(id, material, password, hint, clock.instant());
        Durable.write(layout.tmp(), layout.keyFile(), keyFile.toJson());
        RepositoryConfig config = new RepositoryConfig(RepositoryConfig.FORMAT, RepositoryConfig.VERSION, id, clock.instant());
        Durable.write(layout.tmp(), layout.config(), ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
    }

    /**
     * Opens a repository with its password.
     *
     * @throws RepositoryException when there is no repository, a newer format, or a wrong password
     */
    public static LocalRepository open(Path directory, String password) throws IOException, RepositoryException {
        RepositoryStorage storage = RepositoryStorage.open(directory);
        try {
            return new LocalRepository(storage, RepositoryKeys.unlock(storage.id(), storage.keyFile(), password));
        } catch (KeyFile.WrongPasswordException e) {
            storage.close();
            throw new RepositoryException(e.getMessage() + " The repository at " + directory + " was not changed.");
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** Wraps the same keys under a new password; nothing else in the repository changes. */
    public static void changePassword(Path directory, String oldPassword, String newPassword, String newHint, Clock clock)
            throws IOException, RepositoryException {
        RepositoryLayout layout = new RepositoryLayout(directory);
        RepositoryConfig config = RepositoryStorage.readConfig(layout);
        KeyFile keyFile = KeyFile.fromJson(Files.readAllBytes(layout.keyFile()));
        try {
            KeyFile rewrapped = keyFile.rewrap(config.id(), oldPassword, newPassword, newHint, clock.instant());
            Durable.write(layout.tmp(), layout.keyFile(), rewrapped.toJson());
        } catch (KeyFile.WrongPasswordException e) {
            throw new RepositoryException(e.getMessage() + " The password was not changed.");
        }
    }

    /** The repository without its keys. */
    public RepositoryStorage storage() {
        return storage;
    }

    public RepositoryLayout layout() {
        return storage.layout();
    }

    public UUID id() {
        return storage.id();
    }

    public RepositoryKeys keys() {
        return keys;
    }

    public RepositoryLock lock() {
        return storage.lock();
    }

    public PointStore points() {
        return points;
    }

    public PackReader packs() {
        return storage.packs();
    }

    /** The index as it is now on disk; opened on first use, and again after {@link #reloadIndex}. */
    public RepositoryIndex index() throws IOException {
        return storage.index();
    }

    public void reloadIndex() {
        storage.reloadIndex();
    }

    /**
     * Finds a restore point by id, unique id prefix, or {@code latest} (the newest; with a disk
     * name, the newest that holds that disk).
     */
    public RestorePoint findPoint(String reference, String diskName) throws IOException, RepositoryException {
        List<RestorePoint> all = points.list().stream()
                .filter(p -> diskName == null || p.disk(diskName) != null)
                .toList();
        if (all.isEmpty()) {
            throw new RepositoryException("The repository at " + layout().root() + " has no restore point"
                    + (diskName == null ? "" : " of disk '" + diskName + "'") + " yet.");
        }
        if (reference == null || reference.equals("latest")) {
            return all.getLast();
        }
        List<RestorePoint> matching = all.stream().filter(p -> p.id().hex().startsWith(reference)).toList();
        if (matching.size() == 1) {
            return matching.getFirst();
        }
        throw new RepositoryException(matching.isEmpty()
                ? "There is no restore point '" + reference + "'" + (diskName == null ? "" : " of disk '" + diskName + "'")
                        + ". List them with ./bulwark points."
                : "'" + reference + "' names " + matching.size() + " restore points; give more of the id.");
    }

    public PointId newPointId() {
        return PointId.random();
    }

    @Override
    public void close() {
        storage.close();
    }
}
