package io.bulwark.console.connection;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bulwark.console.common.OwnerOnlyFiles;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engines this console trusts: the SHA-256 fingerprint of each engine's certificate, pinned
 * when an admin accepted it, keyed by {@code host:port}, in {@code known-engines.json}. The file
 * is read on every use, so two consoles of one user agree.
 */
public final class PinnedCertificates {
    /** One trusted engine certificate. */
    public record Pin(String fingerprint, Instant pinnedAt) {
    }

    private static final TypeReference<TreeMap<String, Pin>> PINS = new TypeReference<>() {
    };

    private final Path file;
    private final Clock clock;

    public PinnedCertificates(Path configDirectory, Clock clock) {
        this.file = configDirectory.resolve("known-engines.json");
        this.clock = clock;
    }

    public synchronized Optional<String> fingerprint(EngineAddress address) {
        return Optional.ofNullable(read().get(address.toString())).map(Pin::fingerprint);
    }

    public synchronized void pin(EngineAddress address, String fingerprint) {
        TreeMap<String, Pin> pins = read();
        pins.put(address.toString(), new Pin(fingerprint, clock.instant()));
        write(pins);
    }

    public synchronized void forget(EngineAddress address) {
        TreeMap<String, Pin> pins = read();
        if (pins.remove(address.toString()) != null) {
            write(pins);
        }
    }

    private TreeMap<String, Pin> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return ApiJson.mapper().readValue(Files.readString(file), PINS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the trusted engine certificates in " + file + ": "
                    + e.getMessage() + ". Fix or delete the file; you will be asked to trust each engine again.", e);
        }
    }

    private void write(Map<String, Pin> pins) {
        try {
            OwnerOnlyFiles.write(file, ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(pins));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the trusted engine certificates to " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
