package io.bulwark.engine.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the settings file the engine's packages install as {@code /etc/bulwark/engine.properties}:
 * the data and log directories of a system service, then every other setting commented out as in
 * {@link SettingsLoader#template()}. The distribution build runs it with the runtime it made for
 * the engine, so the file always matches the engine it ships with.
 */
public final class PackagedSettingsFile {
    public static final Path DATA_DIRECTORY = Path.of("/var/lib/bulwark");
    public static final Path LOG_DIRECTORY = Path.of("/var/log/bulwark");

    private PackagedSettingsFile() {
    }

    public static String text() {
        return """
                # Installed by the bulwark-engine package, which keeps your changes on upgrades.
                # Data: database, master key, certificates, the default repository. Back it up.
                data.dir=%s
                # engine.log, rolled daily and at 20 MB by the engine itself.
                log.dir=%s

                """.formatted(DATA_DIRECTORY, LOG_DIRECTORY) + SettingsLoader.template();
    }

    /** Argument: the file to write. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PackagedSettingsFile FILE");
        }
        Files.writeString(Path.of(args[0]), text());
    }
}
