package io.bulwark.engine.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import io.bulwark.engine.firststart.FirstStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Resolves {@link EngineSettings}. Each setting has a property in the settings file, an environment
 * variable and a flag; the flag wins over the variable, the variable over the file. The settings
 * file is {@code DIR/engine.properties} unless {@code --config} or {@code BULWARK_CONFIG} names
 * another (the packages use {@code /etc/bulwark/engine.properties}); only a file named that way may
 * say where the data directory is, since the default file lives in it.
 *
 * <p>{@link #SETTINGS} is the one list of settings: {@link #help()} and {@link #template()} are
 * written from it, so neither can forget one.
 */
public final class SettingsLoader {
    public static final String PROPERTIES_FILE = "engine.properties";
    public static final int DEFAULT_PORT = 9392;

    /**
     * One setting and the places it may come from (a null place: not settable there).
     *
     * @param example what the template shows, commented out; null to leave the setting out of it
     */
    public record Setting(String property, String environment, String flag, String value, String defaultText,
                          String description, String example) {
    }

    private static final Setting CONFIG = new Setting(null, "BULWARK_CONFIG", "--config", "FILE",
            "DIR/engine.properties", "The settings file to read instead of DIR/engine.properties.", null);
    private static final Setting DATA_DIR = new Setting("data.dir", "BULWARK_DATA_DIR", "--data-dir", "DIR",
            "~/.bulwark", "Where the engine keeps its database, keys, certificates and default repository. In the "
            + "settings file only when that file is named with --config or BULWARK_CONFIG.", null);
    private static final Setting LOG_DIR = new Setting("log.dir", "BULWARK_LOG_DIR", "--log-dir", "DIR",
            "DIR/logs", "Where engine.log is written; it rolls over daily and at 20 MB, and keeps 30 days within "
            + "1 GB.", null);
    private static final Setting PORT = new Setting("api.port", "BULWARK_PORT", "--port", "N",
            String.valueOf(DEFAULT_PORT), "HTTPS port of the API and of the console connection.", "9392");
    private static final Setting BIND = new Setting("api.bind-address", "BULWARK_BIND_ADDRESS", "--bind", "ADDRESS",
            "0.0.0.0", "Address to listen on; 0.0.0.0 is every interface.", "0.0.0.0");
    private static final Setting SESSION_LIFETIME = new Setting("api.session-lifetime", "BULWARK_SESSION_LIFETIME",
            "--session-lifetime", "DURATION", "PT12H", "How long a login lasts, in ISO-8601 (PT30M, PT12H; at "
            + "most 30 days).", "PT12H");
    private static final Setting JDBC_URL = new Setting("database.url", "BULWARK_JDBC_URL", "--jdbc-url", "URL",
            "H2 in DIR/database", "The configuration database: embedded H2 by default, or PostgreSQL "
            + "(jdbc:postgresql://HOST:5432/bulwark), whose schema the engine creates itself.",
            "jdbc:postgresql://db.example.com:5432/bulwark");
    private static final Setting JDBC_USER = new Setting("database.user", "BULWARK_JDBC_USER", "--jdbc-user", "USER",
            "bulwark (H2)", "The database account.", "bulwark");
    private static final Setting JDBC_PASSWORD = new Setting("database.password", "BULWARK_JDBC_PASSWORD", null,
            "PASSWORD", "none", "The database account's password (never a flag, so it does not show in ps).", "");
    private static final Setting AGENT_BUNDLE = new Setting("agent.bundle", "BULWARK_AGENT_BUNDLE", "--agent-bundle",
            "DIR", "agent-bundle of this installation", "The agent bundle pushed to managed hosts.",
            "/opt/bulwark/engine/agent-bundle");
    private static final Setting ADMIN_PASSWORD = new Setting(null, FirstStart.ADMIN_PASSWORD_VARIABLE, null, "PASSWORD",
            "random, in DIR/initial-admin-password", "The first admin's password, read on the very first start "
            + "only; otherwise a random one is written to DIR/initial-admin-password (owner-only) and never logged.",
            null);

    /** Every setting, in the order --help and the template show them. */
    public static final List<Setting> SETTINGS = List.of(CONFIG, DATA_DIR, LOG_DIR, PORT, BIND, SESSION_LIFETIME,
            JDBC_URL, JDBC_USER, JDBC_PASSWORD, AGENT_BUNDLE, ADMIN_PASSWORD);
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

    /** {@code bulwark-engine --help}: every setting with its property, variable, flag and default. */
    public static String help() {
        StringBuilder text = new StringBuilder("""
                Usage: bulwark-engine [OPTIONS]
                       bulwark-engine config export|import|info ...   (the configuration backup; config --help)

                Runs the Bulwark backup engine in the foreground until SIGTERM or Ctrl-C. Each setting comes from
                the settings file, an environment variable or a flag; the flag wins over the variable, the
                variable over the file. Restart the engine after changing one.

                """);
        for (Setting setting : SETTINGS) {
            text.append("  ").append(setting.flag() != null ? setting.flag() + " " + setting.value()
                            : setting.environment() + "=" + setting.value() + "   (no flag)")
                    .append('\n');
            text.append(wrap(setting.description(), "      ")).append('\n');
            List<String> places = new ArrayList<>();
            if (setting.property() != null) {
                places.add("property " + setting.property());
            }
            places.add("variable " + setting.environment());
            text.append("      ").append(String.join(", ", places)).append("; default: ")
                    .append(setting.defaultText()).append("\n\n");
        }
        return text.append("""
                The installed packages read /etc/bulwark/engine.properties, keep their data in /var/lib/bulwark
                and write their log to /var/log/bulwark; see /etc/bulwark/engine.properties.
                """).toString();
    }

    /** The commented settings file a new data directory gets, so admins find every setting in one place. */
    public static String template() {
        StringBuilder text = new StringBuilder("""
                # Bulwark engine settings. Environment variables and command-line flags override these.
                # Restart the engine after a change; bulwark-engine --help describes every setting.
                """);
        for (Setting setting : SETTINGS) {
            if (setting.example() == null) {
                continue;
            }
            text.append("\n").append(wrap(setting.description(), "# ")).append('\n')
                    .append("# (").append(setting.environment())
                    .append(setting.flag() != null ? ", " + setting.flag() : "").append("; default: ")
                    .append(setting.defaultText()).append(")\n")
                    .append('#').append(setting.property()).append('=').append(setting.example()).append('\n');
        }
        return text.toString();
    }

    private static String wrap(String text, String indent) {
        StringBuilder lines = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + word.length() >= 100) {
                lines.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        return lines.append(line.toString().stripTrailing()).toString();
    }

    public EngineSettings load(List<String> args) {
        Map<String, String> flags = parseFlags(args);
        Path namedFile = namedSettingsFile(flags);
        Properties named = namedFile == null ? new Properties() : readPropertiesFile(namedFile, true);
        Path dataDirectory = resolveDataDirectory(flags, named);
        Path settingsFile = namedFile != null ? namedFile : dataDirectory.resolve(PROPERTIES_FILE);
        Properties file = namedFile != null ? named : readPropertiesFile(settingsFile, false);

        int port = parsePort(value(PORT, flags, file, String.valueOf(DEFAULT_PORT)));
        String bind = value(BIND, flags, file, "0.0.0.0");
        String defaultUrl = "jdbc:h2:file:" + dataDirectory.resolve("database").resolve("bulwark");
        String url = value(JDBC_URL, flags, file, defaultUrl);
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new SettingsException("The database URL '" + url + "' is neither H2 (jdbc:h2:...) nor PostgreSQL "
                    + "(jdbc:postgresql://HOST:PORT/DATABASE). Set database.url in " + settingsFile
                    + ", BULWARK_JDBC_URL or --jdbc-url to one of those.");
        }
        boolean h2 = url.startsWith("jdbc:h2:");
        String user = value(JDBC_USER, flags, file, h2 ? "bulwark" : "");
        String password = value(JDBC_PASSWORD, flags, file, "");
        Duration sessionLifetime = parseLifetime(value(SESSION_LIFETIME, flags, file, "PT12H"));
        String bundle = value(AGENT_BUNDLE, flags, file, "");
        String logs = value(LOG_DIR, flags, file, "");
        return new EngineSettings(dataDirectory, bind, port, new DatabaseSettings(url, user, password), sessionLifetime,
                bundle.isEmpty() ? null : absolute(bundle),
                logs.isEmpty() ? EngineSettings.defaultLogDirectory(dataDirectory) : absolute(logs), settingsFile);
    }

    private Path namedSettingsFile(Map<String, String> flags) {
        String given = flags.getOrDefault(CONFIG.flag(), blankToNull(environment.apply(CONFIG.environment())));
        return given == null ? null : absolute(given);
    }

    private Path resolveDataDirectory(Map<String, String> flags, Properties namedFile) {
        String given = flags.getOrDefault(DATA_DIR.flag(), blankToNull(environment.apply(DATA_DIR.environment())));
        if (given == null) {
            given = blankToNull(namedFile.getProperty(DATA_DIR.property()));
        }
        return given == null ? home.resolve(".bulwark").toAbsolutePath().normalize() : absolute(given.strip());
    }

    private Path absolute(String path) {
        return Path.of(expandHome(path)).toAbsolutePath().normalize();
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
            if (SETTINGS.stream().noneMatch(s -> name.equals(s.flag()))) {
                throw new SettingsException("Unknown option '" + arg + "'. Options: " + SETTINGS.stream()
                        .filter(s -> s.flag() != null).map(s -> s.flag() + " " + s.value())
                        .collect(java.util.stream.Collectors.joining(", ")) + "; bulwark-engine --help says more.");
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

    private static Properties readPropertiesFile(Path file, boolean required) {
        Properties properties = new Properties();
        if (required && !Files.isRegularFile(file)) {
            throw new SettingsException("The settings file " + file + " (--config or BULWARK_CONFIG) does not exist. "
                    + "Give the path of an existing file, or leave the option out to use DIR/engine.properties.");
        }
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
