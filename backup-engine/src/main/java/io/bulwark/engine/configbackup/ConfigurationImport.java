package io.bulwark.engine.configbackup;

import io.bulwark.engine.database.DatabaseConfiguration;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.protocol.configuration.ConfigurationBackupKind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Loads a configuration backup into a data directory whose engine is stopped: into an empty one
 * (the schema is made), or over an existing configuration, which is first kept in
 * {@code DIR/backups/before-import-TIME/}. Rows of an older schema are loaded into a database
 * migrated to exactly that schema, then migrated on with them, as if they had always been here.
 */
final class ConfigurationImport {
    private final DataDirectory directory;
    private final DataSource dataSource;
    private final PrintStream out;

    ConfigurationImport(DataDirectory directory, DataSource dataSource, PrintStream out) {
        this.directory = directory;
        this.dataSource = dataSource;
        this.out = out;
    }

    /** What an import did. */
    record Outcome(Map<String, Integer> rows, String fromSchema, String toSchema, Path replacedKeptIn) {
    }

    /** Refuses a backup of a schema this build does not know, naming the release that made it. */
    static void checkKnown(BackupHeader header) {
        if (Migrations.newerThanKnown(header.schemaVersion())) {
            throw new ConfigurationBackupException("This configuration backup holds schema version "
                    + header.schemaVersion() + ", made by Bulwark " + header.engineVersion() + "; this engine knows "
                    + "schema versions up to " + Migrations.latestKnown() + ". Install Bulwark "
                    + header.engineVersion() + " or later to import it. Nothing was changed.");
        }
    }

    /** The caller holds the data directory's lock and has opened (authenticated) the content. */
    Outcome run(BackupContent content, Instant now) {
        Path kept = null;
        try {
            if (hasAnyTable()) {
                kept = keepWhatIsReplaced(now);
                out.println("Removing the configuration it replaces from the database");
                DatabaseConfiguration.migrations(dataSource).cleanDisabled(false).load().clean();
            }
            out.println("Making the schema, version " + content.schemaVersion());
            DatabaseConfiguration.migrations(dataSource).target(content.schemaVersion()).load().migrate();
            out.println("Loading the rows");
            Map<String, Integer> rows;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    rows = ConfigurationTables.load(connection, content);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
            out.println("Putting back the master key and the TLS and CA key stores");
            DataDirectoryFiles.write(directory, content.files());
            Flyway flyway = DatabaseConfiguration.migrations(dataSource).load();
            String latest = flyway.info().pending().length == 0 ? content.schemaVersion() : null;
            if (latest == null) {
                flyway.migrate();
                latest = flyway.info().current().getVersion().getVersion();
                out.println("Migrated the configuration from schema " + content.schemaVersion() + " to " + latest);
            }
            if (kept != null && Files.exists(kept.resolve(BEFORE_IMPORT_FILE))) {
                try (Connection connection = dataSource.getConnection()) {
                    BackupRecords.record(connection, ConfigurationBackupKind.BEFORE_IMPORT, now,
                            directory.root().relativize(kept.resolve(BEFORE_IMPORT_FILE)).toString(),
                            Files.size(kept.resolve(BEFORE_IMPORT_FILE)), content.schemaVersion(), null);
                }
            }
            return new Outcome(rows, content.schemaVersion(), latest, kept);
        } catch (SQLException | IOException | RuntimeException e) {
            String message = e instanceof SQLException ? DatabaseConfiguration.rootMessage(e) : e.getMessage();
            throw new ConfigurationBackupException("The import failed: " + message + (kept == null ? ""
                    : ". The configuration it was replacing is kept in " + kept + "; to put it back, run 'config "
                    + "import --in " + kept.resolve(BEFORE_IMPORT_FILE) + " --master-key " + kept.resolve("master.key")
                    + "'."), e);
        }
    }

    static final String BEFORE_IMPORT_FILE = "configuration" + BackupNames.EXTENSION;

    private boolean hasAnyTable() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             var rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
                     new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /**
     * Saves the configuration about to be replaced: its rows sealed with its own master key, and
     * beside them the files the import overwrites (that master key among them).
     */
    private Path keepWhatIsReplaced(Instant now) throws IOException, SQLException {
        Path folder = directory.backups().resolve(BackupNames.beforeImportFolder(now));
        Files.createDirectories(folder);
        DataDirectory keep = DataDirectory.open(folder);
        for (BackupContent.DataFile file : DataDirectoryFiles.read(directory)) {
            Path target = folder.resolve(file.path());
            Files.createDirectories(target.getParent());
            keep.writeSecretFile(target, java.util.Base64.getDecoder().decode(file.content()), true);
        }
        String version;
        try (Connection connection = dataSource.getConnection()) {
            version = ConfigurationTables.schemaVersion(connection);
        }
        if (version != null) {
            // Sealed with the master key kept beside it; with none there yet, a new one is made for it.
            MasterKey key = Files.exists(keep.masterKeyFile()) ? MasterKey.read(keep.masterKeyFile())
                    : MasterKey.open(keep, null);
            Snapshots.Snapshot snapshot = Snapshots.take(dataSource, directory);
            byte[] bytes = BackupFile.write(snapshot.content(), snapshot.origin(now, null), new Seal.WithMasterKey(key));
            keep.writeSecretFile(folder.resolve(BEFORE_IMPORT_FILE), bytes, false);
        }
        out.println("Kept the configuration it replaces in " + folder);
        return folder;
    }

    static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
