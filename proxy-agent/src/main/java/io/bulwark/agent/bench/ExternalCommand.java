package io.bulwark.agent.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A program to run as a process of its own.
 *
 * @param label       a short name for logs and messages, such as "restic full backup"
 * @param words       the program and its arguments
 * @param directory   its working directory
 * @param environment variables set on top of the benchmark's own environment
 */
record ExternalCommand(String label, List<String> words, Path directory, Map<String, String> environment) {
    ExternalCommand {
        words = List.copyOf(words);
        environment = Map.copyOf(environment);
    }

    ExternalCommand(String label, List<String> words, Path directory) {
        this(label, words, directory, Map.of());
    }

    String commandLine() {
        return String.join(" ", words);
    }
}
