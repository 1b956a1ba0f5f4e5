package io.bulwark.engine.configbackup;

import io.bulwark.engine.database.DatabaseConfiguration;
import io.bulwark.engine.database.DatabaseUnavailableException;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.protocol.configuration.ConfigurationBackupKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration backup an engine writes before it migrates an existing database to a newer
 * schema: a migration cannot be undone, and this file, with {@code config import} and the
 * previous release, can. No admin is there to give a password, so it is sealed with a key derived
 * from the data directory's master key, and kept owner-only in {@code DIR/backups}.
 */
public final class PreMigrationBackup {
    private static final Logger log = LoggerFactory.getLogger(PreMigrationBackup.class);

    private PreMigrationBackup() {
    }

    /** A backup written, to be recorded once the schema has the table for it. */
    public record Written(Path file, long sizeBytes, String schemaVersion, Instant at) {
    }

    /**
     * Writes the backup when the database holds a schema and has migrations pending; null when
     * there is nothing to migrate (or nothing to lose: a new database).
     *
     * @throws DatabaseUnavailableException when the backup cannot be written; the database is then untouched
     */
    public static Written beforeMigrating(Flyway flyway, DataSource dataSource, DataDirectory directory) {
        MigrationInfoService info = flyway.info();
        MigrationInfo[] pending = info.pending();
        if (info.current() == null || pending.length == 0) {
            return null;
        }
        String from = info.current().getVersion().getVersion();
        String target = pending[pending.length - 1].getVersion().getVersion();
        Instant now = Instant.now();
        Path file = null;
        try {
            MasterKey key = MasterKey.open(directory, masterKeyCheck(dataSource));
            Snapshots.Snapshot snapshot = Snapshots.take(dataSource, directory);
            byte[] bytes = BackupFile.write(snapshot.content(), snapshot.origin(now, null), new Seal.WithMasterKey(key));
            file = directory.backups().resolve(BackupNames.beforeSchema(target, now));
            directory.writeSecretFile(file, bytes, false);
            String message = "Saved the configuration (schema " + from + ") to " + file + " before migrating it to "
                    + "schema " + target + ". To go back: install the previous release and run "
                    + "'bulwark-engine config import --in " + file + "'.";
            log.info(message);
            System.out.println(message);
            return new Written(file, bytes.length, from, now);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("The configuration database needs migrating from schema " + from
                    + " to " + target + ", and Bulwark migrates only after saving a configuration backup, which could "
                    + "not be written" + (file == null ? "" : " to " + file) + ": "
                    + DatabaseConfiguration.rootMessage(e) + ". The database was not changed. Make room in "
                    + directory.root().resolve("backups") + " (or make it writable) and start the engine again.", e);
        }
    }

    /** Records the backup in the migrated schema; a failure here only costs the list entry, so it is logged. */
    public static void record(DataSource dataSource, Written written) {
        try (Connection connection = dataSource.getConnection()) {
            BackupRecords.record(connection, ConfigurationBackupKind.BEFORE_MIGRATION, written.at(),
                    written.file().getFileName().toString(), written.sizeBytes(), written.schemaVersion(), null);
        } catch (SQLException | RuntimeException e) {
            log.warn("Cannot record the configuration backup {} in the database", written.file(), e);
        }
    }

    private static String masterKeyCheck(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT master_key_check FROM engine_identity WHERE id = 1");
             ResultSet rs = query.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new ConfigurationBackupException("Cannot read the master key's check value: " + e.getMessage(), e);
        }
    }
}
