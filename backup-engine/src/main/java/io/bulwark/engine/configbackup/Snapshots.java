package io.bulwark.engine.configbackup;

import io.bulwark.engine.database.DatabaseConfiguration;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.servers.ThisHost;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Takes the configuration as one consistent picture: the database's rows and the data directory's files. */
final class Snapshots {
    /** H2's own isolation level for a transaction that reads one snapshot of every table (JDBC has no constant). */
    private static final int H2_SNAPSHOT = 6;

    private Snapshots() {
    }

    /** The content and the header fields that describe it. */
    record Snapshot(BackupContent content, String database) {
        BackupFile.Origin origin(Instant now, String hint) {
            return new BackupFile.Origin(content.schemaVersion(), io.bulwark.protocol.ApiVersion.product(), now, ThisHost.hostname(),
                    database, hint);
        }
    }

    /**
     * Reads every table in one read-only transaction that sees a single snapshot (snapshot isolation
     * on H2, repeatable read on PostgreSQL), so a job saved during the export is either wholly in it
     * or not at all.
     */
    static Snapshot take(DataSource dataSource, DataDirectory directory) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            boolean h2 = product.toLowerCase(java.util.Locale.ROOT).contains("h2");
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(h2 ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ);
            try {
                String version = ConfigurationTables.schemaVersion(connection);
                if (version == null) {
                    throw new ConfigurationBackupException("The configuration database has no schema yet: there is "
                            + "nothing to back up. Start the engine once to make it.");
                }
                List<BackupContent.Table> tables = ConfigurationTables.read(connection);
                connection.commit();
                return new Snapshot(new BackupContent(version, tables, DataDirectoryFiles.read(directory)),
                        h2 ? "H2" : "PostgreSQL");
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ConfigurationBackupException("Cannot read the configuration database for the backup: "
                    + DatabaseConfiguration.rootMessage(e), e);
        }
    }
}
