package io.bulwark.console.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    /**
     * Saves {@code content} as {@code file} for its owner only, in a directory that exists (one the
     * admin chose: its permissions stay as they are). The content reaches the disk under a temporary
     * name first, so {@code file} is either whole or absent. Without {@code replace} an existing file is
     * never overwritten, not even one that appeared meanwhile: {@link FileAlreadyExistsException}.
     */
    public static void save(Path file, byte[] content, boolean replace) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = isPosix(directory)
                ? Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (replace) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // A rename replaces what is there; a hard link fails instead, atomically, if the name is taken.
                // Where links are not to be had (FAT, some network shares), a move that checks first.
                try {
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (UnsupportedOperationException | FileSystemException e) {
                    Files.move(temporary, file);
                }
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
