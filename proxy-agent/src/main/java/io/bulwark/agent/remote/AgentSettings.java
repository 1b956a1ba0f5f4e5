package io.bulwark.agent.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An installed agent's settings: the folder the installer made ({@code /etc/bulwark/agent}) with
 * {@code agent.conf} ({@code KEY=value} lines), the agent's key, the certificate the engine's CA
 * signed, and that CA.
 */
public record AgentSettings(Path directory, String controlAddress, int controlPort, int dataPortFirst,
                            int dataPortLast) {
    public static final String CONFIG_FILE = "agent.conf";

    public static AgentSettings load(Path directory) throws IOException {
        Path file = directory.resolve(CONFIG_FILE);
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
                    continue;
                }
                values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing: this agent was not installed by the engine. Deploy it from "
                    + "the console (Managed servers → Rescan or Retry).", e);
        }
        return new AgentSettings(directory, values.getOrDefault("CONTROL_ADDRESS", "0.0.0.0"),
                port(values, "CONTROL_PORT", 6162, file), port(values, "DATA_PORT_FIRST", 2500, file),
                port(values, "DATA_PORT_LAST", 3300, file));
    }

    public TlsMaterial tls() {
        return new TlsMaterial(directory.resolve("agent.crt"), directory.resolve("agent.key"), directory.resolve("ca.crt"));
    }

    private static int port(Map<String, String> values, String key, int fallback, Path file) throws IOException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IOException(file + ": " + key + "=" + value + " is not a port (1-65535).");
    }
}
