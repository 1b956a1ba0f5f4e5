package io.bulwark.protocol.configuration;

import java.time.Instant;
import java.util.UUID;

/**
 * A configuration backup the engine made or handed out.
 *
 * @param fileName      the file's name; backups the engine keeps are in {@code DIR/backups}
 * @param schemaVersion the schema version of the rows it holds
 * @param username      who asked for it; null when the engine made it by itself
 */
public record ConfigurationBackupView(UUID id, Instant takenAt, ConfigurationBackupKind kind, String fileName,
                                      long sizeBytes, String schemaVersion, String username) {
}
