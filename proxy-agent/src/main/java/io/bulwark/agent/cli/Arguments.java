package io.bulwark.agent.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's options: {@code --name value}, {@code --name=value}, or a bare {@code --flag}.
 * Anything the command does not know is an error, not silently ignored.
 */
final class Arguments {
    private final String command;
    private final Map<String, String> values = new HashMap<>();

    private Arguments(String command) {
        this.command = command;
    }

    static Arguments parse(String command, List<String> args, Set<String> valueOptions, Set<String> flags)
            throws UsageException {
        Arguments parsed = new Arguments(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (flags.contains(name) && !arg.contains("=")) {
                parsed.values.put(name, "true");
            } else if (valueOptions.contains(name)) {
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(command + ": " + name + " needs a value.");
                }
                if (parsed.values.put(name, value) != null) {
                    throw new UsageException(command + ": " + name + " is given twice.");
                }
            } else {
                throw new UsageException(command + ": unknown option '" + arg + "'. Run ./bulwark " + command + " --help.");
            }
        }
        return parsed;
    }

    String required(String name) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(command + " needs " + name + ". Run ./bulwark " + command + " --help.");
        }
        return value;
    }

    String optional(String name) {
        return values.get(name);
    }

    String optional(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Path path(String name) throws UsageException {
        return Path.of(required(name));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    Integer positiveNumber(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(command + ": " + name + " takes a whole number of at least 1, not '" + value + "'.");
    }
}
