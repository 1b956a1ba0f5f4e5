package io.bulwark.console.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path temporary;

    @Test
    void aNewDirectoryAndItsFilesAreForTheOwnerOnly() throws Exception {
        Path directory = OwnerOnlyFiles.createDirectory(temporary.resolve("config").resolve("bulwark-console"));
        OwnerOnlyFiles.write(directory.resolve("profiles.json"), "[]");

        assertThat(permissions(directory)).isEqualTo("rwx------");
        assertThat(permissions(directory.resolve("profiles.json"))).isEqualTo("rw-------");
        assertThat(Files.readString(directory.resolve("profiles.json"))).isEqualTo("[]");
        assertThat(directory).isDirectoryNotContaining(path -> path.toString().endsWith(".tmp"));
    }

    @Test
    void anExistingDirectoryKeepsItsPermissions() throws Exception {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-x---"));

        OwnerOnlyFiles.createDirectory(temporary);

        assertThat(permissions(temporary)).isEqualTo("rwxr-x---");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
