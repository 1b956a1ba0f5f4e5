package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path config;

    @Test
    void aProfileHasNoPlaceForAPassword() {
        assertThat(Arrays.stream(ConnectionProfile.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("name", "host", "port", "username");
    }

    @Test
    void remembersProfilesNewestFirstAndReplacesTheSameTarget() {
        ProfileStore store = new ProfileStore(config);
        ConnectionProfile first = ConnectionProfile.of(new EngineAddress("backup01", 9392), "admin");
        ConnectionProfile second = ConnectionProfile.of(new EngineAddress("backup02", 9392), "operator");

        store.remember(first);
        store.remember(second);
        store.remember(first);

        assertThat(new ProfileStore(config).load()).containsExactly(first, second);
        assertThat(first.name()).isEqualTo("admin@backup01:9392");
    }

    @Test
    void removesAProfile() {
        ProfileStore store = new ProfileStore(config);
        ConnectionProfile profile = ConnectionProfile.of(new EngineAddress("backup01", 9392), "admin");
        store.remember(profile);

        assertThat(store.remove(profile)).isEmpty();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void theFileIsForItsOwnerOnly() throws Exception {
        new ProfileStore(config).remember(ConnectionProfile.of(new EngineAddress("backup01", 9392), "admin"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("profiles.json"))))
                .isEqualTo("rw-------");
    }
}
