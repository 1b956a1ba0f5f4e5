package io.bulwark.console.connection;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bulwark.console.common.OwnerOnlyFiles;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The saved connection profiles, in {@code profiles.json} of the configuration directory, newest first. */
public final class ProfileStore {
    private static final TypeReference<List<ConnectionProfile>> PROFILES = new TypeReference<>() {
    };

    private final Path file;

    public ProfileStore(Path configDirectory) {
        this.file = configDirectory.resolve("profiles.json");
    }

    public synchronized List<ConnectionProfile> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.copyOf(ApiJson.mapper().readValue(Files.readString(file), PROFILES));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the saved connections in " + file + ": " + e.getMessage()
                    + ". Fix or delete the file.", e);
        }
    }

    /** Saves the profile in front of the others, replacing any for the same engine and user. */
    public synchronized List<ConnectionProfile> remember(ConnectionProfile profile) {
        List<ConnectionProfile> profiles = new ArrayList<>(List.of(profile));
        load().stream().filter(p -> !p.sameTarget(profile)).forEach(profiles::add);
        save(profiles);
        return List.copyOf(profiles);
    }

    public synchronized List<ConnectionProfile> remove(ConnectionProfile profile) {
        List<ConnectionProfile> profiles = load().stream().filter(p -> !p.sameTarget(profile)).toList();
        save(profiles);
        return profiles;
    }

    private void save(List<ConnectionProfile> profiles) {
        try {
            OwnerOnlyFiles.write(file, ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(profiles));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the connections to " + file + ": " + e.getMessage(), e);
        }
    }
}
