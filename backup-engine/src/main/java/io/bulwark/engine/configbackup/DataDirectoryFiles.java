package io.bulwark.engine.configbackup;

import io.bulwark.engine.datadir.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The files of the data directory a configuration backup carries: those the database cannot be
 * used without. The master key opens every secret in it; the TLS key store keeps the engine's
 * certificate, so consoles that pinned its fingerprint still trust the restored engine; the CA is
 * the one every deployed agent trusts. The first admin password goes along so that the banner of
 * the restored engine points to a password that still matches.
 */
final class DataDirectoryFiles {
    static final String MASTER_KEY = "master.key";
    /** Relative to the data directory, '/' between names. */
    static final List<String> CARRIED = List.of(MASTER_KEY, "tls/engine.p12", "tls/engine.crt", "tls/ca.p12",
            "tls/ca.crt", "initial-admin-password");

    private DataDirectoryFiles() {
    }

    static Path resolve(DataDirectory directory, String relative) {
        return directory.root().resolve(relative);
    }

    /** Those of the carried files that exist. */
    static List<BackupContent.DataFile> read(DataDirectory directory) {
        List<BackupContent.DataFile> files = new ArrayList<>();
        for (String relative : CARRIED) {
            Path file = resolve(directory, relative);
            if (Files.isRegularFile(file)) {
                try {
                    files.add(new BackupContent.DataFile(relative,
                            Base64.getEncoder().encodeToString(Files.readAllBytes(file))));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file + " for the configuration backup", e);
                }
            }
        }
        return files;
    }

    /**
     * Puts the backup's files in place, owner-only, and removes the carried files it does not
     * have: a CA or certificate left from the replaced configuration would not open with its key.
     */
    static void write(DataDirectory directory, List<BackupContent.DataFile> files) {
        for (String relative : CARRIED) {
            BackupContent.DataFile given = files.stream().filter(f -> f.path().equals(relative)).findFirst()
                    .orElse(null);
            Path file = resolve(directory, relative);
            try {
                if (given == null) {
                    Files.deleteIfExists(file);
                } else {
                    if (relative.startsWith("tls/")) {
                        directory.tls();
                    }
                    directory.writeSecretFile(file, Base64.getDecoder().decode(given.content()), true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot replace " + file, e);
            }
        }
    }
}
