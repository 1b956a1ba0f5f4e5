package io.bulwark.engine.configbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFileTest {
    private static final BackupFile.Origin ORIGIN = new BackupFile.Origin("8", "1.2.3",
            Instant.parse("2026-01-02T03:04:05Z"), "backup-01", "H2", "the usual one");

    @TempDir
    Path temp;

    private static BackupContent content() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("0b4c9b4e-3a0e-4d5f-9a59-1e2f3a4b5c6d", "admin", 7, true, null,
                "2026-01-02T03:04:05.123456Z"));
        rows.add(Arrays.asList("9f1d2c3b-4a5e-4f60-8a7b-6c5d4e3f2a1b", "ops ünïcode", 8, false, "AAEC",
                "2026-01-02T03:04:05Z"));
        return new BackupContent("8", List.of(new BackupContent.Table("users", List.of(
                new BackupContent.Column("id", ColumnType.UUID), new BackupContent.Column("name", ColumnType.STRING),
                new BackupContent.Column("n", ColumnType.INTEGER), new BackupContent.Column("ok", ColumnType.BOOLEAN),
                new BackupContent.Column("blob", ColumnType.BINARY),
                new BackupContent.Column("at", ColumnType.TIMESTAMPTZ)), rows)),
                List.of(new BackupContent.DataFile("master.key", Base64.getEncoder().encodeToString(
                        "key".getBytes(StandardCharsets.US_ASCII)))));
    }

    @Test
    void aPasswordSealedFileOpensWithItsPasswordAndShowsItsHeaderWithoutIt() {
        byte[] file = BackupFile.write(content(), ORIGIN, new Seal.Password("correct horse battery"));

        BackupHeader header = BackupFile.header(file);
        assertThat(header.mode()).isEqualTo(BackupHeader.Mode.PASSWORD);
        assertThat(header.schemaVersion()).isEqualTo("8");
        assertThat(header.engineVersion()).isEqualTo("1.2.3");
        assertThat(header.hint()).isEqualTo("the usual one");
        assertThat(header.kdf()).isEqualTo(BackupFile.KDF);
        assertThat(header.createdAt()).isEqualTo(ORIGIN.createdAt());
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).as("rows are not readable in the file")
                .doesNotContain("admin").doesNotContain("ops");
        assertThat(BackupFile.open(file, new Seal.Password("correct horse battery"))).isEqualTo(content());
    }

    @Test
    void aWrongPasswordIsToldApartFromDamageAndShowsTheHint() {
        byte[] file = BackupFile.write(content(), ORIGIN, new Seal.Password("correct horse battery"));

        assertThatThrownBy(() -> BackupFile.open(file, new Seal.Password("correct horse battery!")))
                .isInstanceOf(ConfigurationBackupException.WrongKey.class)
                .hasMessage("Wrong password for this configuration backup. Hint: the usual one");
    }

    @Test
    void aMasterKeySealedFileOpensWithThatKeyOnly() {
        MasterKey key = MasterKey.open(DataDirectory.open(temp.resolve("a")), null);
        MasterKey other = MasterKey.open(DataDirectory.open(temp.resolve("b")), null);
        byte[] file = BackupFile.write(content(), ORIGIN, new Seal.WithMasterKey(key));

        assertThat(BackupFile.header(file).mode()).isEqualTo(BackupHeader.Mode.MASTER_KEY);
        assertThat(BackupFile.header(file).kdf()).isNull();
        assertThat(BackupFile.open(file, new Seal.WithMasterKey(MasterKey.read(temp.resolve("a/master.key")))))
                .isEqualTo(content());
        assertThatThrownBy(() -> BackupFile.open(file, new Seal.WithMasterKey(other)))
                .isInstanceOf(ConfigurationBackupException.WrongKey.class).hasMessageContaining("another master key");
        assertThatThrownBy(() -> BackupFile.open(file, new Seal.Password("correct horse battery")))
                .isInstanceOf(ConfigurationBackupException.WrongKey.class).hasMessageContaining("master key");
    }

    @Test
    void aFlippedByteAnywhereIsRefusedAsDamage() {
        byte[] file = BackupFile.write(content(), ORIGIN, new Seal.Password("correct horse battery"));
        // Every byte of the fixed part and header, and a spread of the rest: each flip is caught.
        for (int i = 0; i < file.length; i += i < 400 ? 1 : 7) {
            byte[] damaged = file.clone();
            damaged[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> BackupFile.open(damaged, new Seal.Password("correct horse battery")))
                    .as("byte %d flipped", at)
                    .isInstanceOf(ConfigurationBackupException.class)
                    .isNotInstanceOf(ConfigurationBackupException.WrongKey.class);
        }
    }

    @Test
    void aTruncatedFileSaysSo() {
        byte[] file = BackupFile.write(content(), ORIGIN, new Seal.Password("correct horse battery"));

        assertThatThrownBy(() -> BackupFile.header(Arrays.copyOf(file, file.length - 100)))
                .hasMessageContaining("truncated").hasMessageContaining(String.valueOf(file.length));
        assertThatThrownBy(() -> BackupFile.header(Arrays.copyOf(file, 20))).hasMessageContaining("damaged");
        assertThatThrownBy(() -> BackupFile.header(Arrays.copyOf(file, file.length + 1)))
                .hasMessageContaining("more than");
        assertThatThrownBy(() -> BackupFile.header("not a backup".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("not a Bulwark configuration backup");
    }

    /** Someone who rewrites the checksum too is still caught: the content and header are authenticated. */
    @Test
    void anAlterationWithARecomputedChecksumFailsAuthentication() throws Exception {
        byte[] file = BackupFile.write(content(), ORIGIN, new Seal.Password("correct horse battery"));
        byte[] inContent = file.clone();
        inContent[inContent.length - 40] ^= 0x20;
        byte[] inHint = new String(file, StandardCharsets.ISO_8859_1).replace("the usual one", "the usual two")
                .getBytes(StandardCharsets.ISO_8859_1);

        for (byte[] altered : List.of(inContent, inHint)) {
            rechecksum(altered);
            assertThat(BackupFile.header(altered)).isNotNull();
            assertThatThrownBy(() -> BackupFile.open(altered, new Seal.Password("correct horse battery")))
                    .isNotInstanceOf(ConfigurationBackupException.WrongKey.class)
                    .hasMessageContaining("altered after it was written");
        }
    }

    private static void rechecksum(byte[] file) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(file, file.length - 32));
        ByteBuffer.wrap(file).position(file.length - 32).put(digest);
    }
}
