package io.bulwark.engine.configbackup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Reads every row of the configuration database, and loads rows into an empty one, through JDBC's
 * metadata only, so a table or column added by a later migration is carried without code here.
 * Names are kept in lower case in the file (H2 reports them in upper case, PostgreSQL in lower);
 * each database's own spelling is looked up when loading.
 */
final class ConfigurationTables {
    /** Flyway's own table: not configuration. Its version is kept in the file's header instead. */
    static final String FLYWAY_TABLE = "flyway_schema_history";

    private ConfigurationTables() {
    }

    /** A column as the database spells and types it. */
    record ColumnInfo(String spelled, String name, int jdbcType, String typeName, boolean generated) {
    }

    /** A table as the database spells it, with its columns in order and its primary key. */
    record TableInfo(String spelled, String name, List<ColumnInfo> columns, List<String> primaryKey) {
        ColumnInfo column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** The tables of the connection's schema, by lower-case name, Flyway's table left out. */
    static Map<String, TableInfo> tables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, TableInfo> tables = new TreeMap<>();
        List<String> spelledNames = new ArrayList<>();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                spelledNames.add(rs.getString("TABLE_NAME"));
            }
        }
        for (String spelled : spelledNames) {
            String name = spelled.toLowerCase(Locale.ROOT);
            if (name.equals(FLYWAY_TABLE)) {
                continue;
            }
            List<ColumnInfo> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema, spelled, "%")) {
                Map<Integer, ColumnInfo> byPosition = new TreeMap<>();
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME");
                    byPosition.put(rs.getInt("ORDINAL_POSITION"), new ColumnInfo(column, column.toLowerCase(Locale.ROOT),
                            rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                            "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
                }
                columns.addAll(byPosition.values());
            }
            Map<Integer, String> key = new TreeMap<>();
            try (ResultSet rs = meta.getPrimaryKeys(connection.getCatalog(), schema, spelled)) {
                while (rs.next()) {
                    key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            tables.put(name, new TableInfo(spelled, name, List.copyOf(columns), List.copyOf(key.values())));
        }
        return tables;
    }

    /** The foreign keys among {@code tables}, in lower-case names. */
    static List<InsertOrder.ForeignKey> foreignKeys(Connection connection, Map<String, TableInfo> tables)
            throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<InsertOrder.ForeignKey> keys = new ArrayList<>();
        for (TableInfo table : tables.values()) {
            // One entry per column; a key of several columns shares FK_NAME and counts KEY_SEQ.
            Map<String, TreeMap<Integer, String[]>> byKey = new LinkedHashMap<>();
            try (ResultSet rs = meta.getImportedKeys(connection.getCatalog(), connection.getSchema(), table.spelled())) {
                while (rs.next()) {
                    String id = rs.getString("FK_NAME") + "/" + rs.getString("PKTABLE_NAME");
                    byKey.computeIfAbsent(id, k -> new TreeMap<>()).put(rs.getInt("KEY_SEQ"), new String[] {
                            rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT),
                            rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT),
                            rs.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT)});
                }
            }
            for (TreeMap<Integer, String[]> key : byKey.values()) {
                List<String[]> parts = List.copyOf(key.values());
                keys.add(new InsertOrder.ForeignKey(table.name(), parts.stream().map(p -> p[0]).toList(), parts.get(0)[1],
                        parts.stream().map(p -> p[2]).toList()));
            }
        }
        return keys;
    }

    /**
     * Every row of every table, tables in insert order and rows by primary key. The caller holds
     * the transaction that makes it one consistent picture.
     */
    static List<BackupContent.Table> read(Connection connection) throws SQLException {
        Map<String, TableInfo> tables = tables(connection);
        List<String> order = InsertOrder.tables(tables.keySet(), foreignKeys(connection, tables));
        String quote = connection.getMetaData().getIdentifierQuoteString();
        List<BackupContent.Table> result = new ArrayList<>();
        for (String name : order) {
            TableInfo table = tables.get(name);
            List<BackupContent.Column> columns = new ArrayList<>();
            for (ColumnInfo column : table.columns()) {
                columns.add(new BackupContent.Column(column.name(), ColumnType.of(column.jdbcType(), column.typeName(),
                        name + "." + column.name())));
            }
            String select = "SELECT " + table.columns().stream().map(c -> quote + c.spelled() + quote)
                    .collect(Collectors.joining(", ")) + " FROM " + quote + table.spelled() + quote
                    + (table.primaryKey().isEmpty() ? "" : " ORDER BY " + table.primaryKey().stream()
                    .map(k -> quote + table.column(k).spelled() + quote).collect(Collectors.joining(", ")));
            List<List<Object>> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(select)) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        row.add(columns.get(i).type().read(rs, i + 1));
                    }
                    rows.add(row);
                }
            }
            result.add(new BackupContent.Table(name, List.copyOf(columns), rows));
        }
        return result;
    }

    /**
     * Loads the rows into the connection's schema, which must have exactly the tables of the file
     * (the same schema version); rows already there (none, normally) are removed first. Identity
     * columns are set to go on after the highest value loaded. The caller commits.
     *
     * @return the rows loaded per table, in load order
     */
    static Map<String, Integer> load(Connection connection, BackupContent content) throws SQLException {
        Map<String, TableInfo> tables = tables(connection);
        Map<String, BackupContent.Table> given = new LinkedHashMap<>();
        content.tables().forEach(t -> given.put(t.name(), t));
        if (!tables.keySet().equals(given.keySet())) {
            throw new ConfigurationBackupException("The database's tables " + tables.keySet() + " are not those of the "
                    + "backup " + given.keySet() + ", although both are at schema version " + content.schemaVersion()
                    + ". The backup was made by a build with different migrations; import it with that build.");
        }
        List<InsertOrder.ForeignKey> keys = foreignKeys(connection, tables);
        List<String> order = InsertOrder.tables(tables.keySet(), keys);
        String quote = connection.getMetaData().getIdentifierQuoteString();
        try (Statement statement = connection.createStatement()) {
            for (String name : order.reversed()) {
                statement.executeUpdate("DELETE FROM " + quote + tables.get(name).spelled() + quote);
            }
        }
        Map<String, Integer> loaded = new LinkedHashMap<>();
        for (String name : order) {
            TableInfo table = tables.get(name);
            BackupContent.Table rows = given.get(name);
            List<ColumnInfo> targets = new ArrayList<>();
            for (BackupContent.Column column : rows.columns()) {
                ColumnInfo target = table.column(column.name());
                if (target == null) {
                    throw new ConfigurationBackupException("The backup has a column " + name + "." + column.name()
                            + " that this database's schema lacks, at the same schema version "
                            + content.schemaVersion() + ". Import it with the build that made it.");
                }
                targets.add(target);
            }
            String insert = "INSERT INTO " + quote + table.spelled() + quote + " (" + targets.stream()
                    .map(c -> quote + c.spelled() + quote).collect(Collectors.joining(", ")) + ") VALUES ("
                    + targets.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            List<String> names = rows.columns().stream().map(BackupContent.Column::name).toList();
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                int batched = 0;
                for (List<Object> row : InsertOrder.rows(name, names, rows.rows(), keys)) {
                    for (int i = 0; i < targets.size(); i++) {
                        rows.columns().get(i).type().bind(statement, i + 1, row.get(i), targets.get(i).jdbcType());
                    }
                    statement.addBatch();
                    if (++batched % 500 == 0) {
                        statement.executeBatch();
                    }
                }
                statement.executeBatch();
            }
            restartIdentities(connection, table, quote);
            loaded.put(name, rows.rows().size());
        }
        return loaded;
    }

    /** Without this, the next row the engine adds would be given an id the backup's rows already use. */
    private static void restartIdentities(Connection connection, TableInfo table, String quote) throws SQLException {
        for (ColumnInfo column : table.columns()) {
            if (!column.generated()) {
                continue;
            }
            String quotedTable = quote + table.spelled() + quote;
            String quotedColumn = quote + column.spelled() + quote;
            long next;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT MAX(" + quotedColumn + ") FROM " + quotedTable)) {
                rs.next();
                next = rs.getLong(1) + 1;
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("ALTER TABLE " + quotedTable + " ALTER COLUMN " + quotedColumn
                        + " RESTART WITH " + next);
            }
        }
    }

    /**
     * The schema version Flyway recorded in this database, read in the caller's transaction; null
     * when it has no schema yet.
     */
    static String schemaVersion(Connection connection) throws SQLException {
        String spelled = null;
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(FLYWAY_TABLE)) {
                    spelled = rs.getString("TABLE_NAME");
                }
            }
        }
        if (spelled == null) {
            return null;
        }
        String quote = connection.getMetaData().getIdentifierQuoteString();
        MigrationVersion newest = null;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + quote + "version" + quote + " FROM " + quote + spelled
                     + quote + " WHERE " + quote + "success" + quote + " = TRUE AND " + quote + "version" + quote
                     + " IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rs.getString(1));
                if (newest == null || version.compareTo(newest) > 0) {
                    newest = version;
                }
            }
        }
        return newest == null ? null : newest.getVersion();
    }
}
