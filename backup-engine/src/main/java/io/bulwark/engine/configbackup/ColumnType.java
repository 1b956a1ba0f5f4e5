package io.bulwark.engine.configbackup;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * The column types a configuration backup carries, named independently of the database, so rows
 * read from H2 load into PostgreSQL and back. Each value is written in the file as JSON: text for
 * strings, UUIDs, timestamps (ISO-8601) and decimals (exact), Base64 for binary, numbers and
 * booleans as themselves.
 */
public enum ColumnType {
    STRING, INTEGER, BIGINT, BOOLEAN, TIMESTAMPTZ, TIMESTAMP, DATE, UUID, BINARY, NUMERIC, DOUBLE;

    /**
     * The portable type of a column as JDBC describes it. A type this does not know stops the export:
     * leaving a column out would make a backup that silently loses data.
     */
    static ColumnType of(int jdbcType, String typeName, String where) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.equals("uuid")) {
            return UUID; // H2 reports it as BINARY, PostgreSQL as OTHER
        }
        return switch (jdbcType) {
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR, Types.NCHAR,
                 Types.LONGNVARCHAR, Types.NCLOB -> STRING;
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INTEGER;
            case Types.BIGINT -> BIGINT;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
            // PostgreSQL's driver reports timestamptz as TIMESTAMP; its type name tells them apart.
            case Types.TIMESTAMP -> name.contains("tz") || name.contains("time zone") ? TIMESTAMPTZ : TIMESTAMP;
            case Types.DATE -> DATE;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
            case Types.NUMERIC, Types.DECIMAL -> NUMERIC;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> DOUBLE;
            default -> throw new ConfigurationBackupException("The column " + where + " has the type " + typeName
                    + ", which configuration backups do not carry yet. Export is refused rather than leave it out: "
                    + "report this with the engine's version.");
        };
    }

    /** The value of column {@code index} as the file writes it; null for SQL NULL. */
    Object read(ResultSet rs, int index) throws SQLException {
        Object value = switch (this) {
            case STRING -> rs.getString(index);
            case INTEGER -> rs.getInt(index);
            case BIGINT -> rs.getLong(index);
            case BOOLEAN -> rs.getBoolean(index);
            case TIMESTAMPTZ -> text(rs.getObject(index, OffsetDateTime.class));
            case TIMESTAMP -> text(rs.getObject(index, LocalDateTime.class));
            case DATE -> text(rs.getObject(index, LocalDate.class));
            case UUID -> text(rs.getObject(index, java.util.UUID.class));
            case BINARY -> {
                byte[] bytes = rs.getBytes(index);
                yield bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
            }
            case NUMERIC -> {
                BigDecimal decimal = rs.getBigDecimal(index);
                yield decimal == null ? null : decimal.toPlainString();
            }
            case DOUBLE -> rs.getDouble(index);
        };
        return rs.wasNull() ? null : value;
    }

    /** Binds a value read from the file; {@code sqlType} is the target column's JDBC type, for NULL. */
    void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
            return;
        }
        switch (this) {
            case STRING -> statement.setString(index, (String) value);
            case INTEGER -> statement.setInt(index, ((Number) value).intValue());
            case BIGINT -> statement.setLong(index, ((Number) value).longValue());
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case TIMESTAMPTZ -> statement.setObject(index, OffsetDateTime.parse((String) value));
            case TIMESTAMP -> statement.setObject(index, LocalDateTime.parse((String) value));
            case DATE -> statement.setObject(index, LocalDate.parse((String) value));
            case UUID -> statement.setObject(index, java.util.UUID.fromString((String) value));
            case BINARY -> statement.setBytes(index, Base64.getDecoder().decode((String) value));
            case NUMERIC -> statement.setBigDecimal(index, new BigDecimal((String) value));
            case DOUBLE -> statement.setDouble(index, ((Number) value).doubleValue());
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
