package io.bulwark.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.datadir.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
    @TempDir
    Path temp;

    @Test
    void aNewInstallationGetsAnOwnerOnlyKeyThatReadsBackTheSame() throws Exception {
        DataDirectory directory = DataDirectory.open(temp.resolve("data"));
        MasterKey made = MasterKey.open(directory, null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.masterKeyFile()))).isEqualTo("rw-------");
        MasterKey read = MasterKey.open(directory, made.checkValue());
        assertThat(read.checkValue()).isEqualTo(made.checkValue());
        assertThat(Files.readString(directory.masterKeyFile())).startsWith("bulwark-master-key v1\n");
    }

    @Test
    void derivedKeysDifferByPurpose() {
        MasterKey key = MasterKey.open(DataDirectory.open(temp.resolve("data")), null);
        assertThat(key.derivedKey("a").getEncoded()).isNotEqualTo(key.derivedKey("b").getEncoded());
        assertThat(key.derivedKey("a").getEncoded()).isEqualTo(key.derivedKey("a").getEncoded());
        assertThat(key.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(key.derivedKey("a").getEncoded()));
    }

    @Test
    void refusesAMissingKeyWhenTheDatabaseExpectsOne() {
        DataDirectory directory = DataDirectory.open(temp.resolve("data"));
        assertThatThrownBy(() -> MasterKey.open(directory, "some-check"))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("is missing");
        assertThat(directory.masterKeyFile()).doesNotExist();
    }

    @Test
    void refusesACorruptKeyAndAKeyOfAnotherDatabase() throws Exception {
        DataDirectory directory = DataDirectory.open(temp.resolve("data"));
        MasterKey.open(directory, null);
        assertThatThrownBy(() -> MasterKey.open(directory, "another database's check"))
                .hasMessageContaining("does not belong to this configuration database");
        Files.writeString(directory.masterKeyFile(), "bulwark-master-key v1\nAAAA\n");
        assertThatThrownBy(() -> MasterKey.open(directory, null)).hasMessageContaining("is corrupt");
    }
}
