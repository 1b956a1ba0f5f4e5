package io.bulwark.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copying and linking the folders the packages are made of. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes a tree without following links out of it. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Copies a tree with its modes; regular files are hard links when {@code link}, which is instant. */
    public static void copy(Path source, Path target, boolean link) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(from -> {
                Path to = target.resolve(source.relativize(from).toString());
                try {
                    if (Files.isSymbolicLink(from)) {
                        Files.createSymbolicLink(to, Files.readSymbolicLink(from));
                    } else if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                        Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
                    } else if (link) {
                        Files.createLink(to, from);
                    } else {
                        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Writes a resource of this package to {@code target} with the given mode (as {@code rwxr-xr-x}). */
    public static void resource(String name, Path target, String mode) throws IOException {
        try (InputStream in = FileTrees.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("The installer jar lacks its resource " + name + ": rebuild it.");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
    }

    public static String resourceText(String name) throws IOException {
        try (InputStream in = FileTrees.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("The installer jar lacks its resource " + name + ": rebuild it.");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
