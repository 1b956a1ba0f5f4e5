package io.bulwark.agent.traffic;

import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.TrafficPolicy;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The last policy the engine sent, kept in the agent's configuration folder so that a restarted
 * agent throttles from its first connection, before the engine calls again. Readable by the
 * agent's user only: it maps the network, which is nobody else's business.
 */
public final class TrafficPolicyFile {
    public static final String NAME = "traffic-policy.json";

    private final Path file;

    public TrafficPolicyFile(Path configDirectory) {
        this.file = configDirectory.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** Writes a whole new file and renames it into place, so a crash leaves the old policy or the new one. */
    public void save(TrafficPolicy policy) throws IOException {
        Path directory = file.getParent();
        Path temporary = posix()
                ? Files.createTempFile(directory, NAME, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, NAME, ".tmp");
        try {
            Files.write(temporary, ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(policy));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("Cannot save the traffic rules to " + file + ": " + e.getMessage()
                    + ". Check that the agent's user may write to " + directory + ".", e);
        }
    }

    /**
     * The saved policy, or empty when there is none yet.
     *
     * @throws IOException when the file cannot be read or is not a policy, with what to do about it
     */
    public Optional<TrafficPolicy> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiJson.mapper().readValue(Files.readAllBytes(file), TrafficPolicy.class));
        } catch (IOException e) {
            throw new IOException(file + " does not hold a traffic policy (" + e.getMessage() + "). Delete it:"
                    + " the engine sends the rules again when it next deploys to this host or a rule changes.", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
