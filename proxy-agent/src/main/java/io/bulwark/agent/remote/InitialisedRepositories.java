package io.bulwark.agent.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The repository folders the engine initialised on this agent ({@code repository-init}): the only
 * ones the agent's data listener serves to proxies. Kept in {@code repositories.list} in the
 * agent's configuration folder, one absolute path a line, so that a restarted agent still serves
 * them. Written whole and renamed into place.
 */
public final class InitialisedRepositories {
    public static final String FILE = "repositories.list";

    private final Path file;

    public InitialisedRepositories(Path configDirectory) {
        this.file = configDirectory.resolve(FILE);
    }

    /** Remembers {@code directory}; recording one already listed changes nothing. */
    public synchronized void record(Path directory) throws IOException {
        Set<Path> folders = read();
        if (folders.add(directory.toAbsolutePath().normalize())) {
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.write(temporary, folders.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    public synchronized boolean contains(Path directory) throws IOException {
        return read().contains(directory.toAbsolutePath().normalize());
    }

    public synchronized List<Path> list() throws IOException {
        return List.copyOf(read());
    }

    private Set<Path> read() throws IOException {
        Set<Path> folders = new LinkedHashSet<>();
        if (!Files.exists(file)) {
            return folders;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                folders.add(Path.of(trimmed).normalize());
            }
        }
        return folders;
    }
}
