package io.bulwark.engine.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Resolves {@link EngineSettings}. Each setting has a property in {@code DIR/engine.properties},
 * an environment variable and a flag; the flag wins over the variable, the variable over the file.
 * The data directory itself comes only from the flag or the variable, since the file lives in it.
 */
public final class SettingsLoader {
    public static final String PROPERTIES_FILE = "engine.properties";
    public static final int DEFAULT_PORT = 9392;

    /** One setting and the three places it may come from. */
    private record Setting(String property, String environment, String flag) {
    }

    private static final Setting DATA_DIR = new Setting(null, "BULWARK_DATA_DIR", "--data-dir");
    private static final Setting PORT = new Setting("api.port", "BULWARK_PORT", "--port");
    private static final Setting BIND = new Setting("api.bind-address", "BULWARK_BIND_ADDRESS", "--bind");
    private static final Setting JDBC_URL = new Setting("database.url", "BULWARK_JDBC_URL", "--jdbc-url");
    private static final Setting JDBC_USER = new Setting("database.user", "BULWARK_JDBC_USER", "--jdbc-user");
    private static final Setting JDBC_PASSWORD = new Setting("database.password", "BULWARK_JDBC_PASSWORD", null);
    private static final Setting SESSION_LIFETIME =
            new Setting("api.session-lifetime", "BULWARK_SESSION_LIFETIME", "--session-lifetime");
    private static final Setting AGENT_BUNDLE = new Setting("agent.bundle", "BULWARK_AGENT_BUNDLE", "--agent-bundle");
    private static final List<Setting> FLAGGED =
            List.of(DATA_DIR, PORT, BIND, JDBC_URL, JDBC_USER, SESSION_LIFETIME, AGENT_BUNDLE);
    private static final Duration MAX_SESSION_LIFETIME = Duration.ofDays(30);

    private final Function<String, String> environment;
    private final Path home;

    public SettingsLoader(Function<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    public static SettingsLoader fromSystem() {
        return new SettingsLoader(System::getenv, Path.of(System.getProperty("user.home")));
    }

    /** The commented settings file a new data directory gets, so admins find every setting in one place. */
    public static String template() {
        return """
                # Bulwark engine settings. Environment variables and command-line flags override these.
                # Restart the engine after a change.

                # HTTPS port of the API and the console connection (BULWARK_PORT, --port).
                #api.port=9392

                # Address to listen on; 0.0.0.0 is every interface (BULWARK_BIND_ADDRESS, --bind).
                #api.bind-address=0.0.0.0

                # How long a login lasts, in ISO-8601 (BULWARK_SESSION_LIFETIME, --session-lifetime).
                #api.session-lifetime=PT12H

                # The agent bundle pushed to managed hosts (BULWARK_AGENT_BUNDLE, --agent-bundle). By default
                # the agent-bundle folder of this installation, which the build makes.
                #agent.bundle=/opt/bulwark/engine/agent-bundle

                # Configuration database. Embedded H2 in this directory by default; for PostgreSQL:
                #database.url=jdbc:postgresql://db.example.com:5432/bulwark
                #database.user=bulwark
                #database.password=
                """;
    }

    public EngineSettings load(List<String> args) {
        Map<String, String> flags = parseFlags(args);
        Path dataDirectory = resolveDataDirectory(flags);
        Properties file = readPropertiesFile(dataDirectory.resolve(PROPERTIES_FILE));

        int port = parsePort(value(PORT, flags, file, String.valueOf(DEFAULT_PORT)));
        String bind = value(BIND, flags, file, "0.0.0.0");
        String defaultUrl = "jdbc:h2:file:" + dataDirectory.resolve("database").resolve("bulwark");
        String url = value(JDBC_URL, flags, file, defaultUrl);
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new SettingsException("The database URL '" + url + "' is neither H2 (jdbc:h2:...) nor PostgreSQL "
                    + "(jdbc:postgresql://HOST:PORT/DATABASE). Set database.url in " + PROPERTIES_FILE
                    + ", BULWARK_JDBC_URL or --jdbc-url to one of those.");
        }
        boolean h2 = url.startsWith("jdbc:h2:");
        String user = value(JDBC_USER, flags, file, h2 ? "bulwark" : "");
        String password = value(JDBC_PASSWORD, flags, file, "");
        Duration sessionLifetime = parseLifetime(value(SESSION_LIFETIME, flags, file, "PT12H"));
        String bundle = value(AGENT_BUNDLE, flags, file, "");
        return new EngineSettings(dataDirectory, bind, port, new DatabaseSettings(url, user, password), sessionLifetime,
                bundle.isEmpty() ? null : Path.of(expandHome(bundle)).toAbsolutePath().normalize());
    }

    private Path resolveDataDirectory(Map<String, String> flags) {
        String given = flags.getOrDefault(DATA_DIR.flag(), blankToNull(environment.apply(DATA_DIR.environment())));
        Path path = given == null ? home.resolve(".bulwark") : Path.of(expandHome(given));
        return path.toAbsolutePath().normalize();
    }

    private String expandHome(String path) {
        return path.equals("~") || path.startsWith("~/") ? home + path.substring(1) : path;
    }

    private String value(Setting setting, Map<String, String> flags, Properties file, String fallback) {
        if (setting.flag() != null && flags.containsKey(setting.flag())) {
            return flags.get(setting.flag());
        }
        String fromEnvironment = blankToNull(environment.apply(setting.environment()));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        String fromFile = blankToNull(file.getProperty(setting.property()));
        return fromFile != null ? fromFile.strip() : fallback;
    }

    private static Map<String, String> parseFlags(List<String> args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (FLAGGED.stream().noneMatch(s -> name.equals(s.flag()))) {
                throw new SettingsException("Unknown option '" + arg + "'. Options: --data-dir DIR, --port N, "
                        + "--bind ADDRESS, --jdbc-url URL, --jdbc-user USER, --session-lifetime DURATION.");
            }
            if (arg.contains("=")) {
                flags.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.size()) {
                flags.put(name, args.get(++i));
            } else {
                throw new SettingsException("Option " + name + " needs a value.");
            }
        }
        return flags;
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new SettingsException("The API port '" + text + "' is not a port number. Give a number from 1 to 65535 "
                + "(api.port, BULWARK_PORT or --port).");
    }

    private static Duration parseLifetime(String text) {
        try {
            Duration lifetime = Duration.parse(text.strip());
            if (!lifetime.isNegative() && !lifetime.isZero() && lifetime.compareTo(MAX_SESSION_LIFETIME) <= 0) {
                return lifetime;
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            // reported below with an example
        }
        throw new SettingsException("The session lifetime '" + text + "' is not a duration between 1 second and 30 days. "
                + "Write it in ISO-8601, such as PT12H for twelve hours or PT30M for thirty minutes "
                + "(api.session-lifetime, BULWARK_SESSION_LIFETIME or --session-lifetime).");
    }

    private static Properties readPropertiesFile(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new SettingsException("Cannot read " + file + ": " + e.getMessage()
                        + ". Fix the file or remove it to use the defaults.");
            }
        }
        return properties;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
