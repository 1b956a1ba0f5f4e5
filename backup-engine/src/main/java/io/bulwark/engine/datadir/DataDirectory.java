package io.bulwark.engine.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The engine's data directory: everything the engine owns lives below it, readable by its owner
 * only. Secrets are written with {@link #writeSecretFile} so they are never, even for a moment,
 * readable by anyone else.
 */
public final class DataDirectory {
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /** Opens the directory, making it (owner-only) if it does not exist yet. */
    public static DataDirectory open(Path root) {
        DataDirectory directory = new DataDirectory(root.toAbsolutePath().normalize());
        directory.ensureDirectory(directory.root);
        return directory;
    }

    public Path root() {
        return root;
    }

    public Path tls() {
        return ensureDirectory(root.resolve("tls"));
    }

    public Path run() {
        return ensureDirectory(root.resolve("run"));
    }

    public Path defaultRepository() {
        return ensureDirectory(root.resolve("repository"));
    }

    /** Configuration backups the engine makes by itself (before a schema migration, before an import). */
    public Path backups() {
        return ensureDirectory(root.resolve("backups"));
    }

    public Path masterKeyFile() {
        return root.resolve("master.key");
    }

    public Path initialAdminPasswordFile() {
        return root.resolve("initial-admin-password");
    }

    public Path lockFile() {
        return root.resolve("engine.lock");
    }

    /**
     * Writes a file readable by the owner only, atomically: readers see the old content or the new,
     * never a part. With {@code replace} false an existing file is left alone and this fails.
     */
    public void writeSecretFile(Path file, byte[] content, boolean replace) {
        try {
            if (!replace && Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                    ownerOnlyFile(file.getParent()));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Whether anyone but the owner may read or write a file. */
    public static boolean accessibleToOthers(Path file) throws IOException {
        if (!supportsPosix(file)) {
            return false;
        }
        Set<PosixFilePermission> others = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        return Files.getPosixFilePermissions(file).stream().anyMatch(others::contains);
    }

    private Path ensureDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                if (supportsPosix(existingAncestor(directory))) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } else {
                    Files.createDirectories(directory);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + directory
                    + " (" + e.getMessage() + "). Check that its parent exists and is writable.", e);
        }
    }

    private static Path existingAncestor(Path path) {
        Path current = path;
        while (current.getParent() != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current;
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] ownerOnlyFile(Path directory) {
        return supportsPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }
}
