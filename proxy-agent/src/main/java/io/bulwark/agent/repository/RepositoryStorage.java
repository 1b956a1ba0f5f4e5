package io.bulwark.agent.repository;

import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.repository.pack.PackReader;
import io.bulwark.agent.repository.points.PointFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A repository folder without its keys: layout, config, lock, index, packs, the blocks backups are
 * storing right now, and the restore point files as bytes. A repository agent, which never has
 * the password, works with this alone; {@link LocalRepository} adds the keys.
 */
public final class RepositoryStorage implements AutoCloseable {
    private final RepositoryLayout layout;
    private final RepositoryConfig config;
    private final RepositoryLock lock;
    private final PackReader packs;
    private final PointFiles pointFiles;
    private final InFlightBlocks inFlight = new InFlightBlocks();
    private RepositoryIndex index;

    private RepositoryStorage(RepositoryLayout layout, RepositoryConfig config) {
        this.layout = layout;
        this.config = config;
        this.lock = RepositoryLock.of(layout.lockFile());
        this.packs = new PackReader(layout);
        this.pointFiles = new PointFiles(layout);
    }

    /**
     * Opens the repository in {@code directory}, no password needed.
     *
     * @throws RepositoryException when there is no repository there, or one of a newer format
     */
    public static RepositoryStorage open(Path directory) throws IOException, RepositoryException {
        RepositoryLayout layout = new RepositoryLayout(directory);
        return new RepositoryStorage(layout, readConfig(layout));
    }

    static RepositoryConfig readConfig(RepositoryLayout layout) throws IOException, RepositoryException {
        try {
            return RepositoryConfig.parse(Files.readAllBytes(layout.config()), layout.root().toString());
        } catch (NoSuchFileException e) {
            throw new RepositoryException("There is no Bulwark repository at " + layout.root()
                    + ". Make one with: ./bulwark repo init --repo " + layout.root() + " --password-file FILE");
        }
    }

    public RepositoryLayout layout() {
        return layout;
    }

    public UUID id() {
        return config.id();
    }

    public RepositoryLock lock() {
        return lock;
    }

    public PackReader packs() {
        return packs;
    }

    public PointFiles pointFiles() {
        return pointFiles;
    }

    /** The blocks backups into this repository, through this object, are storing now. */
    public InFlightBlocks inFlight() {
        return inFlight;
    }

    /** The content of the config file, as stored. */
    public byte[] configFile() throws IOException {
        return Files.readAllBytes(layout.config());
    }

    /** The content of the key file, as stored: the keys wrapped under the password. Read anew each time, since the password may change. */
    public byte[] keyFile() throws IOException {
        return Files.readAllBytes(layout.keyFile());
    }

    /** The index as it is now on disk; opened on first use, and again after {@link #reloadIndex}. */
    public synchronized RepositoryIndex index() throws IOException {
        if (index == null) {
            index = RepositoryIndex.open(layout);
        }
        return index;
    }

    /** Forgets the open index, for example after a prune rewrote it; the next {@link #index} reads it anew. */
    public synchronized void reloadIndex() {
        index = null;
    }

    @Override
    public void close() {
        packs.close();
    }
}
