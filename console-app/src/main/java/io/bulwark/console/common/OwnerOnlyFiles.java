package io.bulwark.console.common;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The console's configuration says which engines to trust and where to log in, so only its owner
 * may read or change it. Files are replaced atomically: a crash never leaves half a pin file.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates the directory for its owner only; one that exists keeps the permissions its owner gave it. */
    public static Path createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(directory + " exists and is not a directory", e);
        }
        if (isPosix(directory)) {
            Files.setPosixFilePermissions(directory, DIRECTORY);
        }
        return directory;
    }

    public static void write(Path file, String content) throws IOException {
        Path directory = createDirectory(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            if (isPosix(temporary)) {
                Files.setPosixFilePermissions(temporary, FILE);
            }
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
