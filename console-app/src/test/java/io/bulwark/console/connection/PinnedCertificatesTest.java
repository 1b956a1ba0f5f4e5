package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedCertificatesTest {
    private static final String FINGERPRINT = "E9:53:45:18:C2:D8:DA:EF:38:4A:46:35:1C:D8:31:FF:12:F9:63:7E:09:F0:AF:5A:7C:42:6F:CA:AF:61:CF:76";

    @TempDir
    Path config;

    private PinnedCertificates pins() {
        return new PinnedCertificates(config, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void aPinSurvivesARestartAndIsKeyedByHostAndPort() {
        pins().pin(new EngineAddress("backup01", 9392), FINGERPRINT);

        PinnedCertificates reopened = pins();
        assertThat(reopened.fingerprint(new EngineAddress("backup01", 9392))).contains(FINGERPRINT);
        assertThat(reopened.fingerprint(new EngineAddress("backup01", 9393))).isEmpty();
        assertThat(reopened.fingerprint(new EngineAddress("backup02", 9392))).isEmpty();
    }

    @Test
    void forgettingRemovesOnlyThatEngine() {
        PinnedCertificates pins = pins();
        pins.pin(new EngineAddress("backup01", 9392), FINGERPRINT);
        pins.pin(new EngineAddress("::1", 9392), FINGERPRINT);

        pins.forget(new EngineAddress("backup01", 9392));

        assertThat(pins.fingerprint(new EngineAddress("backup01", 9392))).isEmpty();
        assertThat(pins.fingerprint(new EngineAddress("[::1]", 9392))).contains(FINGERPRINT);
    }

    @Test
    void theFileIsForItsOwnerOnly() throws Exception {
        pins().pin(new EngineAddress("backup01", 9392), FINGERPRINT);

        Path file = config.resolve("known-engines.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("\"backup01:9392\"", FINGERPRINT, "2026-01-02T03:04:05Z");
    }

    @Test
    void aDamagedFileIsReportedWithItsPath() throws Exception {
        Files.writeString(config.resolve("known-engines.json"), "{not json");

        assertThatThrownBy(() -> pins().fingerprint(new EngineAddress("backup01", 9392)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(config.resolve("known-engines.json").toString());
    }
}
