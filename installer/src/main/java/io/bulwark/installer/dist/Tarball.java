package io.bulwark.installer.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code .tar.gz} of one folder, made with GNU tar so that modes and symbolic links survive, with
 * every file owned by root: what unpacks is the admin's, not the build account's.
 */
final class Tarball {
    private Tarball() {
    }

    static Path create(Path folder, Path archive) throws IOException {
        Files.deleteIfExists(archive);
        ExternalCommand.run(folder.getParent(), List.of("tar", "--owner=0", "--group=0", "--numeric-owner", "--sort=name",
                "-czf", archive.toString(), folder.getFileName().toString()), "apt-get install tar gzip");
        return archive;
    }
}
