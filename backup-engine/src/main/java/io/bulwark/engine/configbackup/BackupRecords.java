package io.bulwark.engine.configbackup;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.configuration.ConfigurationBackupKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes the row that records a configuration backup ({@code configuration_backups}, schema 9 on).
 * Through plain JDBC, because the engine's own backups are recorded before its services exist and
 * by the config commands, which have none.
 */
final class BackupRecords {
    private BackupRecords() {
    }

    /** Records a backup if the schema has the table yet; answers the row's id, or null when it has not. */
    static UUID record(Connection connection, ConfigurationBackupKind kind, Instant at, String fileName, long size,
                       String schemaVersion, String username) throws SQLException {
        if (!hasTable(connection)) {
            return null;
        }
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO configuration_backups (id, taken_at, kind, file_name, size_bytes, schema_version, username)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setObject(2, Columns.timestamp(at));
            insert.setString(3, kind.name());
            insert.setString(4, fileName);
            insert.setLong(5, size);
            insert.setString(6, schemaVersion);
            insert.setString(7, username);
            insert.executeUpdate();
        }
        return id;
    }

    private static boolean hasTable(Connection connection) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT).equals("configuration_backups")) {
                    return true;
                }
            }
        }
        return false;
    }
}
