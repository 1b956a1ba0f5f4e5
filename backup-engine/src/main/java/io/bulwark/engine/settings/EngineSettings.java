package io.bulwark.engine.settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this engine runs, resolved once at start from defaults, {@code DIR/engine.properties},
 * environment variables and command-line flags, in rising order of precedence.
 *
 * @param dataDirectory where the engine keeps everything of its own
 * @param bindAddress   the address the API listens on ({@code 0.0.0.0}: every interface)
 * @param port          the API's HTTPS port; 0 picks a free one (tests)
 * @param database      where the configuration database is
 * @param sessionLifetime how long a login lasts before the user must log in again
 * @param agentBundle   the agent bundle the installer pushes to managed hosts (runtime, agent, MANIFEST)
 * @param logDirectory  where engine.log rolls
 * @param settingsFile  the settings file these came from (it need not exist)
 */
public record EngineSettings(Path dataDirectory, String bindAddress, int port, DatabaseSettings database,
                             Duration sessionLifetime, Path agentBundle, Path logDirectory, Path settingsFile) {

    /** Settings with the default log directory and settings file, for tests and tools that build them by hand. */
    public EngineSettings(Path dataDirectory, String bindAddress, int port, DatabaseSettings database,
                          Duration sessionLifetime, Path agentBundle) {
        this(dataDirectory, bindAddress, port, database, sessionLifetime, agentBundle,
                defaultLogDirectory(dataDirectory), dataDirectory.resolve(SettingsLoader.PROPERTIES_FILE));
    }

    public static Path defaultLogDirectory(Path dataDirectory) {
        return dataDirectory.resolve("logs");
    }

    /** Whether the settings file is the data directory's own, which a new data directory gets written. */
    public boolean settingsFileInDataDirectory() {
        return settingsFile.equals(dataDirectory.resolve(SettingsLoader.PROPERTIES_FILE));
    }
}
