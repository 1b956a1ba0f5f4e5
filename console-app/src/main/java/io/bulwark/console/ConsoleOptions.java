package io.bulwark.console;

import io.bulwark.console.connection.EngineAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's command line.
 *
 * @param configDirectory where profiles and trusted certificates are kept
 * @param autoLogin       set when the launcher asks to log in without the connect dialog
 * @param help            print the usage and stop
 */
public record ConsoleOptions(Path configDirectory, Optional<AutoLogin> autoLogin, boolean help) {
    public static final String USAGE = """
            Usage: bulwark-console [--config-dir DIR]
                   bulwark-console [--config-dir DIR] --engine https://HOST:PORT --trust-fingerprint FP
                                   --user NAME --password-file FILE

            Opens the Bulwark console. Connection profiles and trusted engine certificates are kept in
            DIR (default: $XDG_CONFIG_HOME/bulwark-console, else ~/.config/bulwark-console).

            With --engine the console logs in without asking: it trusts the certificate with the SHA-256
            fingerprint FP for that address, reads the password from FILE once, and shows the connect
            dialog only if the login fails.""";

    /** The launcher's all-in-one mode: log in to the engine it has just started. */
    public record AutoLogin(EngineAddress engine, String fingerprint, String username, Path passwordFile) {
        /** Reads the password file: its content without the final line break. The caller keeps it no longer than needed. */
        public String readPassword() throws IOException {
            String content = Files.readString(passwordFile);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        }
    }

    /**
     * @throws IllegalArgumentException with a message for the command line, when the arguments are wrong
     */
    public static ConsoleOptions parse(List<String> arguments, Map<String, String> environment, Path home) {
        Path configDirectory = defaultConfigDirectory(environment, home);
        String engine = null;
        String fingerprint = null;
        String user = null;
        Path passwordFile = null;
        Deque<String> rest = new ArrayDeque<>(arguments);
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--help", "-h" -> {
                    return new ConsoleOptions(configDirectory, Optional.empty(), true);
                }
                case "--config-dir" -> configDirectory = Path.of(value(option, rest));
                case "--engine" -> engine = value(option, rest);
                case "--trust-fingerprint" -> fingerprint = value(option, rest);
                case "--user" -> user = value(option, rest);
                case "--password-file" -> passwordFile = Path.of(value(option, rest));
                default -> throw new IllegalArgumentException("Unknown option " + option + ".");
            }
        }
        if (engine == null && fingerprint == null && user == null && passwordFile == null) {
            return new ConsoleOptions(configDirectory, Optional.empty(), false);
        }
        if (engine == null || fingerprint == null || user == null || passwordFile == null) {
            throw new IllegalArgumentException(
                    "--engine, --trust-fingerprint, --user and --password-file go together; give all four.");
        }
        return new ConsoleOptions(configDirectory,
                Optional.of(new AutoLogin(EngineAddress.parse(engine), fingerprint, user, passwordFile)), false);
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty() || rest.peek().startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value.");
        }
        return rest.pop();
    }

    private static Path defaultConfigDirectory(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("bulwark-console");
    }
}
