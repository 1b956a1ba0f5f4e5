package io.bulwark.engine.configbackup;

import java.util.List;

/**
 * What a configuration backup holds once opened: every row of every configuration table, and the
 * files of the data directory the rows cannot be used without.
 *
 * @param schemaVersion Flyway's version of the database the rows come from
 * @param tables        in an order that inserts cleanly (referenced tables first)
 */
public record BackupContent(String schemaVersion, List<Table> tables, List<DataFile> files) {

    /** One table: its columns with their portable types, and its rows, each value in the column's type. */
    public record Table(String name, List<Column> columns, List<List<Object>> rows) {
    }

    /** A column's name (lower case) and how its values are written: see {@link ColumnType}. */
    public record Column(String name, ColumnType type) {
    }

    /**
     * A file of the data directory.
     *
     * @param path    relative to the data directory, with '/' between names
     * @param content Base64
     */
    public record DataFile(String path, String content) {
    }

    public int rowCount(String table) {
        return tables.stream().filter(t -> t.name().equals(table)).mapToInt(t -> t.rows().size()).sum();
    }
}
