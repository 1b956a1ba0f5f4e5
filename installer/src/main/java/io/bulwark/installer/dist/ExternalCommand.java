package io.bulwark.installer.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs one of the system tools the packaging needs (tar, dpkg-deb), failing with what it said. */
final class ExternalCommand {
    private ExternalCommand() {
    }

    /** Returns what the command printed (standard output and error). */
    static String run(Path directory, List<String> command, String missingHint) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command.getFirst() + " is missing, and the distributions need it: " + missingHint, e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output.strip());
            }
            return output;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command.getFirst(), e);
        }
    }
}
