package io.bulwark.console.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
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

    @Test
    void aSavedFileIsOwnerOnlyAndReplacesAnotherOnlyWhenToldTo() throws Exception {
        Path file = temporary.resolve("backup.bcb");
        Files.writeString(file, "older");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> OwnerOnlyFiles.save(file, new byte[] {1, 2, 3}, false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(file).hasContent("older");

        OwnerOnlyFiles.save(file, new byte[] {1, 2, 3}, true);
        assertThat(file).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(permissions(file)).isEqualTo("rw-------");

        Path other = temporary.resolve("other.bcb");
        OwnerOnlyFiles.save(other, new byte[] {4}, false);
        assertThat(other).hasBinaryContent(new byte[] {4});
        assertThat(permissions(other)).isEqualTo("rw-------");
        try (var files = Files.list(temporary)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("backup.bcb",
                    "other.bcb");
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
